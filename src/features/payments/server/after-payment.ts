/**
 * What follows a committed payment change: live events to open pages, the hooks of other
 * domains once money was captured (e.g. the booking confirmation that waited for it), and the
 * receipt with the invoice PDF. Never throws: the payment is stored; a failed e-mail is logged
 * (and its row retried).
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { logger } from '@/server/logger';
import { publishOrderEvents, SYSTEM_ACTOR } from '@/features/repairs/server';
import type { PaymentUpdateResult } from './apply-update';
import { getPayment, paymentView, type PaymentRow } from './ledger';
import { runPaymentCapturedHooks } from './payment-hooks';
import { sendPaymentReceipt } from './send-receipt';
import { refundCancelledOrder } from './refund-cancelled-order';

export async function afterPaymentUpdate(db: Db, result: PaymentUpdateResult, fallbackBaseUrl: string) {
  const { loaded, payment } = result;
  if (!loaded || !payment) return;
  if (result.events.length > 0) {
    publishOrderEvents(
      { id: loaded.order.id, shopSlug: loaded.order.shopSlug, status: loaded.order.status },
      result.events,
    );
  }
  if (!result.captured || !result.invoice) return;
  const baseUrl = payment.baseUrl ?? fallbackBaseUrl;
  const cancelled = loaded.order.status === 'cancelled' || loaded.booking.status === 'cancelled';
  if (cancelled) {
    // money taken for an order already cancelled or released (a late webhook, say): it is
    // receipted below and given straight back; nothing waits for it any more
    await refundCancelledOrder(db, loaded.order.id, {
      reason: 'Paid after the booking was cancelled: refunded in full',
      actor: SYSTEM_ACTOR,
    }).catch((err: unknown) =>
      logger.error({ err, paymentId: payment.id }, 'could not refund a payment to a cancelled order'),
    );
  } else {
    await runPaymentCapturedHooks({ db, payment, loaded, baseUrl });
  }
  try {
    await sendPaymentReceipt(db, result.invoice.id, baseUrl);
  } catch (err) {
    logger.error({ err, paymentId: payment.id }, 'could not queue the payment e-mails');
  }
}

/**
 * The answer to a customer's attempt to pay (a sandbox card, its extra confirmation step):
 * what follows the change, then the payment as it now stands. Every attempt that leaves it
 * failed is a decline (PAYMENT_DECLINED), also a second one on a payment that had already
 * failed (another card, or a failed extra confirmation step).
 */
export async function finishAttempt(
  db: Db,
  result: PaymentUpdateResult | null,
  fallback: PaymentRow,
  reference: string,
  baseUrl: string,
) {
  if (result) await afterPaymentUpdate(db, result, baseUrl);
  const row = result?.payment ?? (await getPayment(db, fallback.id)) ?? fallback;
  const view = await paymentView(db, row, reference);
  if (row.status === 'failed') {
    throw new DomainError('PAYMENT_DECLINED', view.failureMessage ?? 'The payment was declined.');
  }
  return view;
}
