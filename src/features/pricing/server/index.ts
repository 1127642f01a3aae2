/** The pricing domain's public surface, server side: what other domains may import. */
export { pricingConfigOf, quoteFromSnapshot } from './quote-for';
export { assertAcceptedPrice, type AcceptedPrice } from './accepted-quote';
