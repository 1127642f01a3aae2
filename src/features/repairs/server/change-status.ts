/**
 * Moves an order along the state machine: one transaction that locks the order, checks the
 * transition (409 illegal, 403 role/assignment, 422 missing reason), writes the status and a
 * timeline event, notifies the customer in-app and, for the statuses that matter to them, by
 * e-mail; live clients hear about it after the commit.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, repairOrders } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import type { AppAbility } from '@/features/access';
import {
  createNotifications,
  dispatchNotice,
  publishNotifications,
  type NoticeKind,
  type NotificationRow,
} from '@/features/notifications/server';
import { transitionRefusal, type RepairStatus, type StaffRole, type TransitionError } from '../state-machine';
import { appendOrderEvent, publishOrderEvents, type EventActor, type OrderEventRow } from './order-events';
import { assertCan, loadOrder, type LoadedOrder } from './lock-order';
import { assertExpectedVersion } from './check-version';
import { sendStatusEmail } from './send-status-email';
import { orderCollectedHooks, runOrderCancelledHooks } from './order-hooks';
import { recordAudit, type AuditRequest } from '@/features/audit/server';
import { STATUS_UNDO_WINDOW_MS, undoMarker, type StatusUndo } from './status-undo';

export interface ChangeStatusInput {
  to: RepairStatus;
  reason?: string;
  qcNote?: string;
  /** customer-visible message added to the timeline with the change */
  message?: string;
  /** false: no status e-mail (a walk-in gets its own receipt instead); default true */
  email?: boolean;
  /** the order version the change is based on; a stale one is refused (VERSION_CONFLICT) */
  expectedVersion?: number;
  /**
   * a staff member's own move that they may take back for a short while (`undoStatusChange`):
   * what it replaced is kept on its event and the customer's e-mail is held back for the
   * undo window. Set by `changeOrderStatus` only, never from a request body.
   */
  undoable?: boolean;
}

export interface Caller {
  ability: AppAbility;
  role: StaffRole;
  actor: EventActor;
  /** the caller's address and user agent, for the audit log (API callers) */
  request?: AuditRequest | null;
}

/** A state machine's refusal in the words of the domain error. */
function refusalError(err: TransitionError): DomainError {
  if (err.code === 'ILLEGAL_TRANSITION') {
    return new DomainError('CONFLICT', `An order cannot move from "${err.from}" to "${err.to}".`);
  }
  if (err.code === 'FORBIDDEN') {
    return new DomainError('FORBIDDEN', `Your role may not move an order from "${err.from}" to "${err.to}".`);
  }
  return new DomainError(
    'VALIDATION_FAILED',
    'Some details are missing for this change.',
    (err.missing ?? []).map((m) =>
      m === 'reason'
        ? { path: 'reason', message: 'Please give a reason for this change.' }
        : { path: 'qcNote', message: 'Please write a quality-check note.' },
    ),
  );
}

/** Statuses that are a notice kind of their own (preferences per channel, and a push). */
const NOTICE_OF_STATUS: Partial<Record<RepairStatus, NoticeKind>> = {
  awaiting_approval: 'quote_ready',
  ready_for_collection: 'ready_for_collection',
};

/** Statuses the customer hears about by e-mail. */
export const EMAILED_STATUSES: ReadonlySet<RepairStatus> = new Set<RepairStatus>([
  'received',
  'awaiting_approval',
  'ready_for_collection',
]);

export interface StatusChangeResult {
  loaded: LoadedOrder;
  events: OrderEventRow[];
  notifications: NotificationRow[];
  /** set when the order was cancelled: who did it and why, for the after-cancel hooks */
  cancelled?: { actor: EventActor; reason: string | null; request: AuditRequest | null };
  /** steps the after-collection hooks left to run after the commit */
  afterCollected?: Array<() => void>;
}

/**
 * The status change inside a caller's transaction (a revised-quote decision uses it too).
 * The caller publishes `events`/`notifications` after commit (see `finishStatusChange`).
 */
export async function applyStatusChange(
  tx: Db,
  loaded: LoadedOrder,
  input: ChangeStatusInput,
  actor: EventActor,
  role: StaffRole,
  now: Date,
  request: AuditRequest | null = null,
): Promise<StatusChangeResult> {
  const from = loaded.order.status as RepairStatus;
  const undoable = input.undoable === true && input.to !== 'cancelled' && !!actor.userId;
  const refusal = transitionRefusal(from, input.to, { role, reason: input.reason, qcNote: input.qcNote });
  if (refusal) throw refusalError(refusal);
  const patch: Partial<typeof repairOrders.$inferInsert> = {
    status: input.to,
    statusEnteredAt: now,
    updatedAt: now,
  };
  if (input.to === 'received' && !loaded.order.receivedAt) {
    patch.receivedAt = now;
    patch.receivedBy = actor.userId;
  }
  if (input.to === 'collected') {
    patch.collectedAt = now;
    const days = loaded.booking.quote.warrantyDays;
    patch.warrantyEndsAt = new Date(now.getTime() + days * 86_400_000);
  }
  const [order] = await tx
    .update(repairOrders)
    .set(patch)
    .where(eq(repairOrders.id, loaded.order.id))
    .returning();
  if (input.to === 'cancelled' && loaded.booking.status !== 'cancelled') {
    await tx
      .update(bookings)
      .set({ status: 'cancelled', updatedAt: now })
      .where(eq(bookings.id, loaded.booking.id));
  }
  const reason = input.reason?.trim() || null;
  const qcNote = input.qcNote?.trim() || null;
  const message = input.message?.trim() || reason;
  const events = [
    await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: 'status_changed',
      fromStatus: from,
      toStatus: input.to,
      actor,
      visibility: 'customer',
      message,
      data:
        qcNote || undoable
          ? { ...(qcNote ? { qcNote } : {}), ...(undoable ? { undo: undoMarker(loaded.order, order!) } : {}) }
          : null,
      at: now,
    }),
  ];
  // every move along the state machine is audited in the transaction that makes it
  await recordAudit(tx, {
    type: 'order_status_changed',
    actor: actor.userId ? { id: actor.userId } : null,
    request,
    target: { type: 'repair_order', id: loaded.order.reference },
    details: { from, to: input.to, reason, actorKind: actor.role },
  });
  const customerId = loaded.booking.userId;
  const changed: LoadedOrder = { order: order!, booking: loaded.booking };
  const tell = customerId && customerId !== actor.userId ? [customerId] : [];
  const inApp = {
    type: 'status_changed',
    orderId: loaded.order.id,
    reference: loaded.order.reference,
    data: { from, to: input.to },
  };
  // the customer's e-mail (message and delivery job) commits with the change itself
  const email =
    EMAILED_STATUSES.has(input.to) && input.email !== false
      ? () =>
          sendStatusEmail(
            tx,
            changed,
            input.to,
            input.message ?? input.reason,
            // held back while the move may still be undone (and withdrawn by the undo)
            undoable ? new Date(now.getTime() + STATUS_UNDO_WINDOW_MS) : undefined,
          )
      : undefined;
  const kind = NOTICE_OF_STATUS[input.to];
  let notifications: NotificationRow[];
  if (kind) {
    // the moves that matter most to the customer follow their preferences, push included
    const sent = await dispatchNotice(tx, {
      kind,
      userIds: tell,
      reference: loaded.order.reference,
      inApp,
      email,
      createdBy: actor.userId,
    });
    notifications = sent.notifications;
  } else {
    notifications = await createNotifications(
      tx,
      tell.map((userId) => ({ ...inApp, userId })),
    );
    if (email) await email();
  }
  // other domains react in this transaction (the ratings domain queues its rating request)
  const afterCollected =
    input.to === 'collected'
      ? await orderCollectedHooks.run(tx, {
          orderId: order!.id,
          reference: order!.reference,
          shopSlug: order!.shopSlug,
          bookingId: loaded.booking.id,
          customerEmail: loaded.booking.customerEmail,
          customerName: loaded.booking.customerName,
          modelSlug: loaded.booking.modelSlug,
          collectedAt: now,
          undoableUntil: undoable ? new Date(now.getTime() + STATUS_UNDO_WINDOW_MS) : null,
        })
      : undefined;
  return {
    loaded: changed,
    events,
    notifications,
    ...(afterCollected ? { afterCollected } : {}),
    ...(input.to === 'cancelled' ? { cancelled: { actor, reason, request } } : {}),
  };
}

/** After commit: live updates (the customer e-mail was queued in the transaction). */
export async function finishStatusChange(db: Db, result: StatusChangeResult, _input: ChangeStatusInput) {
  publishOrderEvents(result.loaded.order, result.events);
  publishNotifications(result.notifications);
  for (const step of result.afterCollected ?? []) step();
  // other domains react (the payments domain refunds what was paid)
  if (result.cancelled) await runOrderCancelledHooks({ db, loaded: result.loaded, ...result.cancelled });
}

/** A staff move as its caller sees it: the order, and how to take the move back while it may be. */
export interface ChangedOrder extends LoadedOrder {
  undo: StatusUndo | null;
}

export async function changeOrderStatus(
  db: Db,
  orderId: string,
  input: ChangeStatusInput,
  caller: Caller,
  now = new Date(),
): Promise<ChangedOrder> {
  const result = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, orderId, true);
    // customers change status only through their own paths (cancel link, quote decision)
    assertCan(caller.ability, 'update', loaded);
    assertExpectedVersion(loaded, input.expectedVersion);
    const undoable = caller.actor.role === 'staff' && input.to !== 'cancelled';
    return applyStatusChange(
      tx,
      loaded,
      { ...input, undoable },
      caller.actor,
      caller.role,
      now,
      caller.request ?? null,
    );
  });
  await finishStatusChange(db, result, input);
  const event = result.events[0];
  const undo =
    event && (event.data as { undo?: unknown } | null)?.undo
      ? { eventId: event.id, until: new Date(now.getTime() + STATUS_UNDO_WINDOW_MS).toISOString() }
      : null;
  return { ...result.loaded, undo };
}
