import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, repairOrders, slotReservations } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { transitionRefusal, type RepairStatus } from '@/features/repairs';
import type { BookingRow } from '@/features/repairs/server';

export type OrderRow = typeof repairOrders.$inferSelect;

/**
 * Locks a booking and its repair order for the rest of the transaction (FOR UPDATE), so two
 * changes to one booking queue up and each sees the other's result.
 */
export async function lockBooking(
  tx: Db,
  bookingId: string,
): Promise<{ booking: BookingRow; order: OrderRow }> {
  const [booking] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
  const [order] = await tx
    .select()
    .from(repairOrders)
    .where(eq(repairOrders.bookingId, bookingId))
    .for('update');
  if (!booking || !order) throw new DomainError('NOT_FOUND', 'No booking matches that reference and link.');
  return { booking, order };
}

/**
 * A customer may change a booking only while it is confirmed and its repair order may still be
 * cancelled by a customer (the state machine allows that from `booked` only). Otherwise 409.
 */
export function assertCustomerMayChange(
  booking: BookingRow,
  order: OrderRow,
  action: 'cancel' | 'reschedule',
) {
  if (booking.status === 'cancelled' || order.status === 'cancelled') {
    throw new DomainError('CONFLICT', 'This booking has already been cancelled.');
  }
  if (transitionRefusal(order.status as RepairStatus, 'cancelled', { role: 'customer' })) {
    throw new DomainError(
      'CONFLICT',
      action === 'cancel'
        ? 'The shop has already received your device, so the booking can no longer be cancelled online. Please contact the shop.'
        : 'The shop has already received your device, so the booking can no longer be moved. Please contact the shop.',
    );
  }
}

export function manageNotFound(): DomainError {
  // identical for an unknown reference and a wrong or missing signature
  return new DomainError('NOT_FOUND', 'No booking matches that reference and link.');
}

/** Gives a cancelled drop-off's place in its slot back (inside the cancelling transaction). */
export async function releaseSlot(tx: Db, booking: Pick<BookingRow, 'shopSlug' | 'slotStartsAt'>) {
  if (!booking.shopSlug || !booking.slotStartsAt) return;
  await tx
    .update(slotReservations)
    .set({ booked: sql`${slotReservations.booked} - 1` })
    .where(
      and(
        eq(slotReservations.shopSlug, booking.shopSlug),
        eq(slotReservations.startsAt, booking.slotStartsAt),
        gt(slotReservations.booked, 0),
      ),
    );
}
