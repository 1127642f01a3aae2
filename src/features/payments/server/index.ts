/** The payments domain's server surface for other domains and the entry. */
export { paymentConfig } from './config';
export { onPaymentCaptured, type CapturedPayment, type PaymentCapturedHook } from './payment-hooks';
export { isMethodAvailable } from './gateway';
export { accessiblePayment } from './access';
export { paymentView } from './ledger';
