/**
 * Takes back a status move its author made a moment ago (a swipe on the wrong card): one
 * transaction that locks the order and puts it back to the status (and the dates) the move
 * replaced, only when
 *  - the caller made that move (else 403),
 *  - it is within STATUS_UNDO_WINDOW_MS of it (else 409),
 *  - nothing has been written to the order since (its version is still the one the move made;
 *    else 409 VERSION_CONFLICT with the current state) and it was not undone already (409).
 * Two undo requests at once queue on the row lock: the second finds the move undone.
 *
 * What the move told the customer is withdrawn where it has not gone out: the status e-mail
 * (held back for the undo window by the move) is cancelled, unread bell notices are removed and
 * the move's event leaves the customer's timeline. A push (quote ready) already sent cannot be
 * recalled. The undo is recorded as a staff-only timeline event and in the audit log.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderEvents, repairOrders } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { recordAudit } from '@/features/audit/server';
import { cancelQueuedMessage } from '@/features/email/server';
import { withdrawNotifications } from '@/features/notifications/server';
import type { RepairStatus } from '../state-machine';
import { assertCan, loadOrder, type LoadedOrder } from './lock-order';
import { assertExpectedVersion } from './check-version';
import { appendOrderEvent, publishOrderEvents } from './order-events';
import { statusEmailKey } from './send-status-email';
import { orderUncollectedHooks } from './order-hooks';
import { readUndoMarker, STATUS_UNDO_WINDOW_MS } from './status-undo';
import type { StaffCaller } from './staff-caller';

const date = (iso: string | null) => (iso ? new Date(iso) : null);

export async function undoStatusChange(
  db: Db,
  idOrReference: string,
  eventId: number,
  caller: StaffCaller,
  now = new Date(),
): Promise<LoadedOrder> {
  const result = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, idOrReference, true);
    assertCan(caller.ability, 'read', loaded);
    const [event] = await tx
      .select()
      .from(repairOrderEvents)
      .where(and(eq(repairOrderEvents.id, eventId), eq(repairOrderEvents.orderId, loaded.order.id)));
    if (!event || event.type !== 'status_changed' || !event.fromStatus || !event.toStatus) {
      throw new DomainError('NOT_FOUND', 'This order has no such status change.');
    }
    if (!event.actorUserId || event.actorUserId !== caller.user.id) {
      throw new DomainError('FORBIDDEN', 'Only the person who made this change may undo it.');
    }
    const marker = readUndoMarker(event.data);
    if (!marker) throw new DomainError('CONFLICT', 'This change cannot be undone.');
    if ((event.data as { undoneAt?: string } | null)?.undoneAt) {
      throw new DomainError('CONFLICT', 'This change has already been undone.');
    }
    if (now.getTime() - event.createdAt.getTime() > STATUS_UNDO_WINDOW_MS) {
      throw new DomainError(
        'CONFLICT',
        `The time to undo this change has passed (${STATUS_UNDO_WINDOW_MS / 1000} seconds).`,
      );
    }
    if (loaded.order.status !== event.toStatus || loaded.order.version !== marker.version) {
      assertExpectedVersion(loaded, marker.version);
      // same version, other status: cannot happen (every write moves the version), but be safe
      throw new DomainError('CONFLICT', 'This order changed after the move; it can no longer be undone.');
    }

    const from = event.toStatus as RepairStatus;
    const back = event.fromStatus as RepairStatus;
    const [order] = await tx
      .update(repairOrders)
      .set({
        status: back,
        statusEnteredAt: new Date(marker.statusEnteredAt),
        receivedAt: date(marker.receivedAt),
        receivedBy: marker.receivedBy,
        collectedAt: date(marker.collectedAt),
        warrantyEndsAt: date(marker.warrantyEndsAt),
        updatedAt: now,
      })
      .where(eq(repairOrders.id, loaded.order.id))
      .returning();
    // the move no longer stands: it leaves the customer's timeline (staff still see it, marked)
    await tx
      .update(repairOrderEvents)
      .set({ visibility: 'internal', data: { ...(event.data ?? {}), undoneAt: now.toISOString() } })
      .where(eq(repairOrderEvents.id, event.id));
    // what the move told the customer and has not gone out yet
    const emailWithdrawn = await cancelQueuedMessage(
      tx,
      statusEmailKey(loaded.order.id, from, event.createdAt),
      now,
    );
    // what collecting set off and has not gone out (the rating request e-mail)
    if (from === 'collected') await orderUncollectedHooks.run(tx, { orderId: loaded.order.id, at: now });
    await withdrawNotifications(tx, {
      orderId: loaded.order.id,
      type: 'status_changed',
      data: { to: from },
      since: new Date(event.createdAt.getTime() - 5_000),
    });
    const undone = await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: 'status_undone',
      fromStatus: from,
      toStatus: back,
      actor: caller.actor,
      visibility: 'internal',
      message: null,
      data: { eventId: event.id, emailWithdrawn },
      at: now,
    });
    await recordAudit(tx, {
      type: 'order_status_undone',
      actor: { id: caller.user.id },
      request: caller.request ?? null,
      target: { type: 'repair_order', id: loaded.order.reference },
      details: { from, to: back, eventId: event.id },
    });
    return { loaded: { order: order!, booking: loaded.booking }, events: [undone] };
  });
  publishOrderEvents(result.loaded.order, result.events);
  return result.loaded;
}
