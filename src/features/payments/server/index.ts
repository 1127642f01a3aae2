/** The payments domain's server surface for other domains and the entry. */
export { paymentConfig } from './config';
export { registerPaymentWorkers } from './register-workers';
