/**
 * Assignment: a manager (of the order's shop, or of every shop) assigns anyone who is a
 * technician or above, or unassigns; a technician may only take an unassigned order for
 * themselves, or give back (unassign) one assigned to them. Writes an internal `assigned` event and tells the new assignee.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrders, user } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { atLeast } from '@/features/access';
import {
  createNotifications,
  publishNotifications,
  type NotificationRow,
} from '@/features/notifications/server';
import { isTerminal, type RepairStatus } from '../state-machine';
import { assertCan, loadOrder, type LoadedOrder } from './lock-order';
import { assertExpectedVersion } from './check-version';
import { appendOrderEvent, publishOrderEvents, type EventActor, type OrderEventRow } from './order-events';
import { orderPermissions } from '@/features/repairs/server/staff-view';
import type { StaffCaller } from './staff-caller';

export interface Person {
  id: string;
  name: string;
}

/** A staff member who may be given work: technician or above, not disabled. */
export async function findAssignableUser(db: Db, id: string): Promise<Person | null> {
  const [u] = await db
    .select({ id: user.id, name: user.name, role: user.role, disabledAt: user.disabledAt })
    .from(user)
    .where(eq(user.id, id));
  if (!u || u.disabledAt || !atLeast(u.role, 'technician')) return null;
  return { id: u.id, name: u.name };
}

export interface AssignmentResult {
  loaded: LoadedOrder;
  events: OrderEventRow[];
  notifications: NotificationRow[];
}

/**
 * Sets the assignee inside the caller's transaction (intake and walk-ins use it too) and writes
 * the event and the assignee's notification. Nothing happens when the assignee is unchanged.
 */
export async function applyAssignment(
  tx: Db,
  loaded: LoadedOrder,
  assignee: Person | null,
  actor: EventActor,
  now: Date,
): Promise<AssignmentResult> {
  const previous = loaded.order.assignedTechnicianId;
  if ((assignee?.id ?? null) === previous) return { loaded, events: [], notifications: [] };
  let previousPerson: Person | null = null;
  if (previous) {
    const [p] = await tx.select({ id: user.id, name: user.name }).from(user).where(eq(user.id, previous));
    previousPerson = p ?? { id: previous, name: 'unknown' };
  }
  const [order] = await tx
    .update(repairOrders)
    .set({ assignedTechnicianId: assignee?.id ?? null, updatedAt: now })
    .where(eq(repairOrders.id, loaded.order.id))
    .returning();
  const event = await appendOrderEvent(tx, {
    orderId: loaded.order.id,
    type: 'assigned',
    actor,
    visibility: 'internal',
    message: assignee ? `Assigned to ${assignee.name}` : 'Unassigned',
    data: { from: previousPerson, to: assignee },
    at: now,
  });
  const notifications =
    assignee && assignee.id !== actor.userId
      ? await createNotifications(tx, [
          {
            userId: assignee.id,
            type: 'assigned',
            orderId: loaded.order.id,
            reference: loaded.order.reference,
            data: { by: actor.name },
          },
        ])
      : [];
  return { loaded: { order: order!, booking: loaded.booking }, events: [event], notifications };
}

export async function assignOrder(
  db: Db,
  idOrReference: string,
  technicianId: string | null,
  caller: StaffCaller,
  now = new Date(),
  /** the order version the assignment is based on; a stale one is refused (VERSION_CONFLICT) */
  expectedVersion?: number,
): Promise<LoadedOrder> {
  const result = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, idOrReference, true);
    assertCan(caller.ability, 'read', loaded);
    const may = orderPermissions(caller.ability, loaded);
    if (may.update || may.take || may.assignAnyone) assertExpectedVersion(loaded, expectedVersion);
    if (isTerminal(loaded.order.status as RepairStatus)) {
      throw new DomainError('CONFLICT', 'A finished order cannot be reassigned.');
    }
    // technicians: give a job back that is theirs (an undone "take it"), nothing else of others'
    const handBack =
      technicianId === null && loaded.order.assignedTechnicianId === caller.user.id && may.update;
    if (!may.assignAnyone && !handBack) {
      // technicians: only themselves, and only on an unassigned order
      if (!may.take || technicianId !== caller.user.id) {
        throw new DomainError(
          'FORBIDDEN',
          may.take
            ? 'You may only take this job for yourself.'
            : 'Only a manager may reassign an order that is already assigned.',
        );
      }
    }
    let assignee: Person | null = null;
    if (technicianId !== null) {
      assignee = await findAssignableUser(tx, technicianId);
      if (!assignee) {
        throw new DomainError('VALIDATION_FAILED', 'That person cannot be assigned.', [
          { path: 'technicianId', message: 'Choose an active technician, manager or admin.' },
        ]);
      }
    }
    return applyAssignment(tx, loaded, assignee, caller.actor, now);
  });
  publishOrderEvents(result.loaded.order, result.events);
  publishNotifications(result.notifications);
  return result.loaded;
}
