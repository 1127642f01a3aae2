/** The payments domain's server surface for other domains and the entry. */
export { paymentConfig } from './config';
export { onPaymentCaptured, type CapturedPayment, type PaymentCapturedHook } from './payment-hooks';
export { isMethodAvailable } from './gateway';
export { accessiblePayment } from './access';
export { paymentView } from './ledger';
export { applyPaymentUpdate } from './apply-update';
export { createPayment } from './create-payment';
export { providerForMethod } from './gateway';
export type { PaymentRow } from './ledger';
export { openBookingPayments } from './order-payments';
export { settlePayment } from './settle-payment';
export { cancellationTerms, cancellationTermsOf, type CancellationTerms } from './cancellation-terms';
