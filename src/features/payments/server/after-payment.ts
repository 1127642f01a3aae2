/**
 * What follows a committed payment change: live events to open pages, the receipt (with the
 * invoice PDF), and, for a payment made while booking, the booking confirmation that waited for
 * it. Never throws: the payment is stored; a failed e-mail is logged (and its row retried).
 */
import type { Db } from '@/server/db/runtime';
import { logger } from '@/server/logger';
import { formatMoney } from '@/features/pricing/money';
import { publishOrderEvents } from '@/features/repairs/server/order-events';
import { rebuildConfirmation } from '@/features/booking/server/rebuild-confirmation';
import { sendBookingConfirmation } from '@/features/email/server/send-booking-confirmation';
import type { PaymentUpdateResult } from './apply-update';
import { sendPaymentReceipt } from './send-receipt';

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
  try {
    if (payment.purpose === 'booking' && payment.provider !== 'collection') {
      await sendDeferredConfirmation(db, loaded.booking.id, baseUrl, {
        paid: `Paid ${formatMoney(payment.amountMinor, payment.currency)} by ${payment.provider === 'paypal' ? 'PayPal' : 'card'}`,
      });
    }
    await sendPaymentReceipt(db, result.invoice.id, baseUrl);
  } catch (err) {
    logger.error({ err, paymentId: payment.id }, 'could not queue the payment e-mails');
  }
}

/** The booking confirmation held back while an online payment was pending (sent once). */
export async function sendDeferredConfirmation(
  db: Db,
  bookingId: string,
  baseUrl: string,
  opts: { paid?: string } = {},
): Promise<void> {
  const confirmation = await rebuildConfirmation(db, bookingId, baseUrl);
  if (!confirmation) return;
  await sendBookingConfirmation(db, confirmation, { manageUrl: confirmation.manageUrl, ...opts });
}
