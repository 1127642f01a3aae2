/** The payments domain's public surface, React side: what other domains may import. */
export { PaymentReturn } from './payment-return';
export { summaryFromQuote } from './payment-summary';
export { usePaymentText } from './payment-text';
export { getPayment, receiptUrl, usePaymentMethods } from './payments-client';
export { UnifiedPaymentGateway, type StartResult } from './unified-payment-gateway';
export { attempt as attemptPayment, type PaymentResult } from './payments-client';
