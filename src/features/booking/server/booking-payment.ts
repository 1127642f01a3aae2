/**
 * Paying online while booking. The booking is made first with its slot held
 * (PAYMENT_HOLD_MINUTES); its confirmation e-mail waits for the payment. Then one of:
 * - the payment succeeds: the hold is released, the confirmation and the receipt are sent;
 * - the customer switches to pay on collection: the booking stands, the confirmation is sent;
 * - the hold runs out unpaid: the booking is cancelled and its slot given back.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { payments } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { logger } from '@/server/logger';
import { loadOrder } from '@/features/repairs/server';
import {
  cancelUnpaidBooking,
  expiredHolds,
  switchBookingToCollection,
} from '@/features/booking/server/payment-hold';
import { isCaptured } from '@/features/payments';
import type { PaymentMethod } from '@/features/payments/schemas';
import {
  applyPaymentUpdate,
  createPayment,
  providerForMethod,
  paymentView,
  type PaymentRow,
  openBookingPayments,
  settlePayment,
} from '@/features/payments/server';
import type { CapturedPayment } from '@/features/payments/server';
import { formatMoney } from '@/features/pricing';
import { sendDeferredConfirmation } from './send-confirmation';

export const isOnline = (method: string): method is 'card' | 'paypal' =>
  method === 'card' || method === 'paypal';

export async function startBookingPayment(
  db: Db,
  booking: { id: string; reference: string },
  method: Exclude<PaymentMethod, 'collection'>,
  baseUrl: string,
): Promise<PaymentRow> {
  const loaded = await loadOrder(db, booking.reference);
  return createPayment(db, {
    loaded,
    provider: providerForMethod(method),
    purpose: 'booking',
    amountMinor: loaded.booking.totalMinor,
    idempotencyKey: `booking:${booking.id}`,
    baseUrl,
  });
}

/** The booking's payment as the booking answer shows it (also for a replayed booking). */
export async function bookingPaymentView(db: Db, booking: { id: string; reference: string }) {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.bookingId, booking.id), eq(payments.idempotencyKey, `booking:${booking.id}`)));
  return row ? paymentView(db, row, booking.reference) : null;
}

/**
 * The customer gives up paying online and pays on collection instead (after a decline, say).
 * The open attempt is closed as failed, so a late success cannot go unnoticed: it would still
 * be recorded, and staff see it in the payment history.
 */
export async function switchToCollection(db: Db, payment: PaymentRow, baseUrl: string): Promise<PaymentRow> {
  if (payment.purpose !== 'booking' || !payment.bookingId) {
    throw new DomainError(
      'CONFLICT',
      'Only a payment made while booking can be switched to pay on collection.',
    );
  }
  if (isCaptured(payment.status)) throw new DomainError('CONFLICT', 'This booking is paid already.');
  await switchBookingToCollection(db, payment.bookingId);
  const result = await applyPaymentUpdate(db, {
    provider: payment.provider,
    paymentId: payment.id,
    snapshot: {
      status: 'failed',
      failureCode: 'switched_to_collection',
      failureMessage: 'The customer chose to pay on collection instead.',
    },
  });
  await sendDeferredConfirmation(db, payment.bookingId, payment.baseUrl ?? baseUrl).catch((err: unknown) =>
    logger.error({ err, paymentId: payment.id }, 'could not queue the booking confirmation'),
  );
  return result.payment ?? payment;
}

/**
 * A payment made while booking was captured (a payments hook, wired by the entry): the
 * confirmation that waited for it goes out now, saying what was paid.
 */
export async function confirmPaidBooking({ db, payment, loaded, baseUrl }: CapturedPayment): Promise<void> {
  if (payment.purpose !== 'booking' || payment.provider === 'collection') return;
  const method = payment.provider === 'paypal' ? 'PayPal' : 'card';
  await sendDeferredConfirmation(db, loaded.booking.id, baseUrl, {
    paid: `Paid ${formatMoney(payment.amountMinor, payment.currency)} by ${method}`,
  });
}

/**
 * The expiry job: bookings whose hold ran out. An online payment may have succeeded without
 * its webhook reaching us, so each open attempt is settled with its provider first.
 */
export async function expirePaymentHolds(db: Db, now = new Date()): Promise<number> {
  let cancelled = 0;
  for (const bookingId of await expiredHolds(db, now)) {
    try {
      let paid = false;
      for (const p of await openBookingPayments(db, bookingId)) {
        const loaded = await loadOrder(db, p.orderId);
        const settled = await settlePayment(db, p, {
          reference: loaded.booking.reference,
          email: loaded.booking.customerEmail,
        }).catch(() => null);
        if (settled?.payment && isCaptured(settled.payment.status)) paid = true;
      }
      if (!paid && (await cancelUnpaidBooking(db, bookingId, now))) {
        cancelled += 1;
        for (const p of await openBookingPayments(db, bookingId)) {
          await applyPaymentUpdate(db, {
            provider: p.provider,
            paymentId: p.id,
            snapshot: {
              status: 'failed',
              failureCode: 'expired',
              failureMessage: 'Not paid in time: the booking was released.',
            },
          });
        }
      }
    } catch (err) {
      logger.error({ err, bookingId }, 'could not expire a payment hold');
    }
  }
  return cancelled;
}
