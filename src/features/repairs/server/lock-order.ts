import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, repairOrders } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { subject, type AppAbility, type RepairOrderRecord } from '@/features/access';

export type OrderRow = typeof repairOrders.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;

export interface LoadedOrder {
  order: OrderRow;
  booking: BookingRow;
}

/** The fields access rules are written against (see features/access/ability.ts). */
export function accessRecord({ order, booking }: LoadedOrder): RepairOrderRecord {
  return {
    customerUserId: booking.userId,
    assignedTechnicianId: order.assignedTechnicianId,
    shopSlug: order.shopSlug,
  };
}

export function can(ability: AppAbility, action: Parameters<AppAbility['can']>[0], loaded: LoadedOrder) {
  return ability.can(action, subject('RepairOrder', accessRecord(loaded)));
}

export const orderNotFound = () => new DomainError('NOT_FOUND', 'No repair order with that id.');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an order id parameter is a uuid (else it is read as a reference). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Finds an order with its booking, or null; with `forUpdate` both rows are locked for the rest
 * of the transaction so concurrent changes to one order queue up and each sees the other's
 * result. The id may be the order's uuid or its reference (RT-XXXXXX).
 */
export async function findOrder(
  db: Db,
  idOrReference: string,
  forUpdate = false,
): Promise<LoadedOrder | null> {
  const where = isUuid(idOrReference)
    ? eq(repairOrders.id, idOrReference)
    : eq(repairOrders.reference, idOrReference.trim().toUpperCase());
  const q = db.select().from(repairOrders).where(where);
  const [order] = forUpdate ? await q.for('update') : await q;
  if (!order?.bookingId) return null;
  const bq = db.select().from(bookings).where(eq(bookings.id, order.bookingId));
  const [booking] = forUpdate ? await bq.for('update') : await bq;
  return booking ? { order, booking } : null;
}

/** `findOrder`, for callers that answer 404 when there is no such order. */
export async function loadOrder(db: Db, idOrReference: string, forUpdate = false): Promise<LoadedOrder> {
  const loaded = await findOrder(db, idOrReference, forUpdate);
  if (!loaded) throw orderNotFound();
  return loaded;
}

/**
 * Throws 404 when the caller may not even read the order (so its existence is not revealed)
 * and 403 when they may read but not do `action`.
 */
export function assertCan(ability: AppAbility, action: 'update' | 'approve' | 'read', loaded: LoadedOrder) {
  if (!can(ability, 'read', loaded)) throw orderNotFound();
  if (action !== 'read' && !can(ability, action, loaded)) {
    throw new DomainError(
      'FORBIDDEN',
      action === 'update'
        ? 'Only the assigned technician or a manager may change this order.'
        : 'You are not allowed to do this.',
    );
  }
}
