/** The payments domain's public surface, shared (server and browser) side: what other domains may import. */
export {
  BookingPaymentMethodSchema,
  PaymentViewSchema,
  TokenBodySchema,
  type PaymentMethod,
  type PaymentView,
} from './schemas';
export { isCaptured } from './state';
