/**
 * The slot hold of a booking whose online payment is pending: released when paid (by the
 * payments domain), turned into a plain pay-on-collection booking when the customer switches,
 * or the booking is cancelled and its slot given back when the hold runs out unpaid.
 */
import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, repairOrders } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { appendOrderEvent, publishOrderEvents, SYSTEM_ACTOR } from '@/features/repairs/server';
import { lockBooking, releaseSlot } from './lock-booking';

/** Bookings whose hold ran out (the expiry job's work list). */
export async function expiredHolds(db: Db, now: Date, limit = 50): Promise<string[]> {
  const rows = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        isNotNull(bookings.paymentHoldUntil),
        lt(bookings.paymentHoldUntil, now),
        eq(bookings.status, 'confirmed'),
      ),
    )
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The customer chose to pay on collection instead: the booking stands, unheld. */
export async function switchBookingToCollection(db: Db, bookingId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const { booking } = await lockBooking(tx, bookingId);
    if (booking.status === 'cancelled') {
      throw new DomainError(
        'BOOKING_RELEASED',
        'The slot was held for you while you paid, but the time ran out and the booking was released. Please book again.',
      );
    }
    await tx
      .update(bookings)
      .set({ paymentMethod: 'collection', paymentHoldUntil: null, updatedAt: now })
      .where(eq(bookings.id, bookingId));
  });
}

/**
 * Cancels a booking still unpaid when its hold ran out, giving its slot back. Returns false
 * when there was nothing to do (paid or switched meanwhile, or already cancelled).
 */
export async function cancelUnpaidBooking(db: Db, bookingId: string, now = new Date()): Promise<boolean> {
  const done = await db.transaction(async (tx) => {
    const { booking, order } = await lockBooking(tx, bookingId);
    if (booking.status !== 'confirmed' || !booking.paymentHoldUntil || booking.paymentHoldUntil > now)
      return null;
    if (order.status !== 'booked') return null;
    await releaseSlot(tx, booking);
    await tx
      .update(bookings)
      .set({
        status: 'cancelled',
        paymentHoldUntil: null,
        icsSequence: sql`${bookings.icsSequence} + 1`,
        updatedAt: now,
      })
      .where(eq(bookings.id, booking.id));
    await tx
      .update(repairOrders)
      .set({ status: 'cancelled', statusEnteredAt: now, updatedAt: now })
      .where(eq(repairOrders.id, order.id));
    const event = await appendOrderEvent(tx, {
      orderId: order.id,
      type: 'status_changed',
      fromStatus: order.status,
      toStatus: 'cancelled',
      actor: SYSTEM_ACTOR,
      visibility: 'customer',
      message: 'Cancelled: the online payment was not completed in time',
      at: now,
    });
    return { order, event };
  });
  if (!done) return false;
  publishOrderEvents({ ...done.order, status: 'cancelled' }, [done.event]);
  return true;
}
