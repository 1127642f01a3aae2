/** The quotes domain's public surface, shared (server and browser) side: what other domains may import. */
export { orderTotals } from './quote-totals';
