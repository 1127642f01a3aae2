/** The pricing domain's public surface, React side: what other domains may import. */
export { QuoteSummary } from './quote-summary';
export { pricingClient } from './api-client';
