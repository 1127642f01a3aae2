/** The catalogue's server surface for other domains and the entry. */
export { catalogIsEmpty, seedCatalog } from './seed-catalog';
export { loadCatalog, type CatalogSnapshot } from './load-catalog';
