import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, repairOrders } from '@/server/db/schema';
import { logger } from '@/server/logger';
import { appendOrderEvent, publishOrderEvents, signedTrackingPath } from '@/features/repairs/server';
import { recordAudit, type AuditRequest } from '@/features/audit/server';
import { sendTemplate } from '@/features/email/server';
import { loadCatalog } from '@/features/catalog/server';
import { formatMoney } from '@/features/pricing';
import { cancellationTerms, type CancellationTerms } from '@/features/payments/server';
import { refundCancelledOrder } from '@/features/payments/server/commands';
import type { ManageBooking } from '../schemas';
import { findBookingBySignature } from './manage-link';
import {
  assertCustomerMayChange,
  lockBooking,
  manageNotFound,
  releaseSlot,
  type OrderRow,
} from './lock-booking';
import { manageSummary, shopCancellationFee } from './get-manage-summary';
import type { BookingRow } from '@/features/repairs/server';

export interface ManageChangeOptions {
  baseUrl: string;
  now?: Date;
  /** the caller's address and user agent, for the audit log */
  request?: AuditRequest | null;
}

/** What cancelling this booking would refund, as the manage page shows it before confirming. */
export async function bookingCancellationTerms(
  db: Db,
  booking: BookingRow,
  order: Pick<OrderRow, 'id' | 'shopSlug'>,
): Promise<CancellationTerms> {
  const fee = await shopCancellationFee(db, booking.shopSlug ?? order.shopSlug);
  return cancellationTerms(db, order.id, fee, booking.currency);
}

/** The cancellation e-mail: what was paid, the fee kept and what is refunded. */
async function sendCancellationEmail(
  tx: Db,
  booking: BookingRow,
  order: OrderRow,
  terms: CancellationTerms,
  baseUrl: string,
) {
  // a walk-in who gave no e-mail address hears at the counter
  if (!booking.customerEmail) return;
  const model = (await loadCatalog(tx)).modelsBySlug.get(booking.modelSlug);
  const money = (minor: number) => formatMoney(minor, terms.currency);
  await sendTemplate(tx, {
    to: booking.customerEmail,
    template: 'booking-cancelled',
    data: {
      name: booking.customerName,
      reference: booking.reference,
      deviceName: model?.name ?? booking.modelSlug,
      ...(terms.paidMinor > 0 ? { paid: money(terms.paidMinor) } : {}),
      ...(terms.feeMinor > 0 ? { fee: money(terms.feeMinor) } : {}),
      ...(terms.refundMinor > 0
        ? { refund: money(terms.refundMinor), refundTo: 'the card or account you paid with' }
        : {}),
      trackingUrl: `${baseUrl}${signedTrackingPath(order.reference)}`,
    },
    dedupeKey: `booking-cancelled:${booking.id}`,
    bookingId: booking.id,
  });
}

/**
 * Cancels a booking through its signed manage link, in one transaction: the booking becomes
 * `cancelled` with a higher calendar SEQUENCE (its .ics turns into METHOD:CANCEL), the repair
 * order moves booked → cancelled (state machine, role customer) with a timeline event, a
 * drop-off slot's place is given back, the shop's cancellation fee (if any, never more than was
 * paid) is recorded on the order, the cancellation is audited (actor: the customer through the
 * manage link, with the caller's address) and its e-mail, saying what is refunded, is queued.
 * After the commit what was paid beyond the fee is refunded through the provider that took it
 * (once, however many cancels race: the row lock lets one through, a second cancel is a 409).
 */
export async function cancelBooking(
  db: Db,
  reference: string,
  sig: string | null | undefined,
  opts: ManageChangeOptions,
): Promise<ManageBooking> {
  const found = await findBookingBySignature(db, reference, sig);
  if (!found) throw manageNotFound();
  const now = opts.now ?? new Date();

  const updated = await db.transaction(async (tx) => {
    const { booking, order } = await lockBooking(tx, found.id);
    assertCustomerMayChange(booking, order, 'cancel');

    // read under the booking's lock: a payment settling now is counted or comes after
    const terms = await bookingCancellationTerms(tx, booking, order);
    await releaseSlot(tx, booking);
    const [row] = await tx
      .update(bookings)
      .set({ status: 'cancelled', icsSequence: sql`${bookings.icsSequence} + 1`, updatedAt: now })
      .where(eq(bookings.id, booking.id))
      .returning();
    await tx
      .update(repairOrders)
      .set({
        status: 'cancelled',
        statusEnteredAt: now,
        updatedAt: now,
        cancellationFeeMinor: terms.feeMinor,
      })
      .where(eq(repairOrders.id, order.id));
    const event = await appendOrderEvent(tx, {
      orderId: order.id,
      type: 'status_changed',
      fromStatus: order.status,
      toStatus: 'cancelled',
      actor: { name: 'customer', userId: booking.userId, role: 'customer' },
      visibility: 'customer',
      message: 'Cancelled by the customer',
      at: now,
    });
    await recordAudit(tx, {
      type: 'booking_cancelled',
      actor: booking.userId ? { id: booking.userId } : null,
      request: opts.request ?? null,
      target: { type: 'repair_order', id: order.reference },
      details: {
        by: 'customer',
        via: 'manage_link',
        email: booking.customerEmail,
        currency: terms.currency,
        paidMinor: terms.paidMinor,
        feeMinor: terms.feeMinor,
        refundMinor: terms.refundMinor,
      },
    });
    // once (dedupe key), committed with the cancellation it tells of
    await sendCancellationEmail(tx, booking, order, terms, opts.baseUrl);
    return { row: row!, booking, order, event, terms };
  });
  // after commit: the staff console and open streams of the order update live
  publishOrderEvents({ ...updated.order, status: 'cancelled' }, [updated.event]);
  if (updated.terms.refundMinor > 0) {
    // a provider that fails leaves the money owed: staff see it on the order and refund by hand
    await refundCancelledOrder(db, updated.order.id, {
      reason: 'Booking cancelled by the customer',
      actor: { name: 'customer', userId: updated.row.userId, role: 'customer' },
      request: opts.request ?? null,
    }).catch((err: unknown) =>
      logger.error({ err, orderId: updated.order.id }, 'could not refund a cancelled booking'),
    );
  }
  return manageSummary(db, updated.row, opts.baseUrl);
}
