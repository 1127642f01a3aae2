/** The shops domain's server surface for other domains and the entry. */
export { seedShops } from './seed-shops';
