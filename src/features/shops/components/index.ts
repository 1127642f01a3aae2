/** The shops domain's public surface, React side: what other domains may import. */
export { shopsClient } from './api-client';
export { NearestShopFinder, type NearbyShop } from './nearest-shop-finder';
