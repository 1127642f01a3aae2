import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, repairOrders } from '@/server/db/schema';
import { appendOrderEvent, publishOrderEvents } from '@/features/repairs/server';
import type { ManageBooking } from '../schemas';
import { findBookingBySignature } from './manage-link';
import { assertCustomerMayChange, lockBooking, manageNotFound, releaseSlot } from './lock-booking';
import { manageSummary } from './get-manage-summary';

export interface ManageChangeOptions {
  baseUrl: string;
  now?: Date;
}

/**
 * Cancels a booking through its signed manage link, in one transaction: the booking becomes
 * `cancelled` with a higher calendar SEQUENCE (its .ics turns into METHOD:CANCEL), the repair
 * order moves booked → cancelled (state machine, role customer) with a timeline event, and a
 * drop-off slot's place is given back. A second cancel is a 409.
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

    await releaseSlot(tx, booking);
    const [row] = await tx
      .update(bookings)
      .set({ status: 'cancelled', icsSequence: sql`${bookings.icsSequence} + 1`, updatedAt: now })
      .where(eq(bookings.id, booking.id))
      .returning();
    await tx
      .update(repairOrders)
      .set({ status: 'cancelled', statusEnteredAt: now, updatedAt: now })
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
    return { row: row!, order, event };
  });
  // after commit: the staff console and open streams of the order update live
  publishOrderEvents({ ...updated.order, status: 'cancelled' }, [updated.event]);
  return manageSummary(db, updated.row, opts.baseUrl);
}
