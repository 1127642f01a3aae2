/** The shops domain's server surface for other domains and the entry. */
export { seedShops } from './seed-shops';
export { isSlotBookable, slotEnd } from './availability';
export { getShopRow, listShopRows, type ShopRow } from './list-shops';
