/**
 * The payments domain's changes that send e-mail (a refund's credit note), for other domains and
 * the entry. They stay out of ./index.ts, which server components reach.
 */
export { refundPayment, recordRefundOutcome } from './refund-payment';
export {
  refundCancelledOrder,
  refundOnOrderCancelled,
  type CancelRefundInput,
  type CancelRefundResult,
} from './refund-cancelled-order';
