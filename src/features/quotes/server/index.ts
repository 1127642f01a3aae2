/** The quotes domain's public surface, server side: what other domains may import. */
export { orderLineRows, surchargeOf } from './get-order-lines';
export { agreedTotalOf } from './list-revised-quotes';
export { agreedPriceOf, type AgreedLine, type AgreedPrice } from './agreed-price';
export { findPendingQuote } from './assert-lines-editable';
