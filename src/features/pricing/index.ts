/** The pricing domain's public surface, shared (server and browser) side: what other domains may import. */
export { minorToInput, parseMoneyInput } from './money-input';
export { currencyMinorDigits, formatMoney, splitVatInclusive } from './money';
export { DEFAULT_PRICING_CONFIG, isQuoteExpired } from './engine';
