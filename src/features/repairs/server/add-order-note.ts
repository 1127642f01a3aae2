/**
 * A note on the timeline: internal (staff only) or visible to the customer, who is then
 * notified (bell, push and e-mail, per their `shop_message` preferences) when the booking belongs to an
 * account. Writing one needs 'update' on the
 * order, as every other staff write does (change-status.ts).
 */
import type { Db } from '@/server/db/runtime';
import {
  dispatchNotice,
  noticeUrl,
  publishNotifications,
  pushText,
  type NotificationRow,
} from '@/features/notifications/server';
import { sendNoticeEmails } from '@/features/email/server';
import { assertCan, loadOrder } from './lock-order';
import {
  appendOrderEvent,
  appendOrderEventOnce,
  publishOrderEvents,
  type OrderEventInput,
  type OrderEventRow,
} from './order-events';
import type { StaffCaller } from './staff-caller';

export interface NoteInput {
  body: string;
  visibility: 'internal' | 'customer';
}

/** A note or message as stored, and whether it was already stored under its Idempotency-Key. */
export interface AddedEvent {
  row: OrderEventRow;
  replayed: boolean;
}

/**
 * Shared by notes and messages: one event, and the customer's notification when they can see it.
 * Notes never conflict with other changes (they are appended); with an `idempotencyKey` a replay
 * (an offline outbox sending again) returns the stored event and notifies nobody twice.
 */
export async function addCustomerFacingEvent(
  db: Db,
  idOrReference: string,
  event: { type: 'note' | 'message'; body: string; visibility: 'internal' | 'customer' },
  caller: StaffCaller,
  now: Date,
  idempotencyKey?: string,
): Promise<AddedEvent> {
  const { row, replayed, order, notifications } = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, idOrReference);
    // a write like any other (status, lines, quotes): the assigned technician or the shop's manager
    assertCan(caller.ability, 'update', loaded);
    const input: OrderEventInput = {
      orderId: loaded.order.id,
      type: event.type,
      actor: caller.actor,
      visibility: event.visibility,
      message: event.body.trim(),
      at: now,
    };
    const { row, replayed } = idempotencyKey
      ? await appendOrderEventOnce(tx, input, idempotencyKey)
      : { row: await appendOrderEvent(tx, input), replayed: false };
    const customerId = loaded.booking.userId;
    // a message (or customer-visible note) from the shop: bell and push, as the customer chose
    const notifications: NotificationRow[] =
      !replayed && event.visibility === 'customer' && customerId && customerId !== caller.user.id
        ? (
            await dispatchNotice(tx, {
              kind: 'shop_message',
              userIds: [customerId],
              reference: loaded.order.reference,
              inApp: {
                type: event.type,
                orderId: loaded.order.id,
                reference: loaded.order.reference,
                data: { eventId: row.id, from: caller.actor.name },
              },
              email: (userIds) =>
                sendNoticeEmails(tx, {
                  userIds,
                  ...pushText('shop_message', loaded.order.reference),
                  path: noticeUrl('shop_message', loaded.order.reference),
                  dedupeKey: `notice:shop_message:${row.id}`,
                }),
              createdBy: caller.user.id,
            })
          ).notifications
        : [];
    return { row, replayed, order: loaded.order, notifications };
  });
  if (!replayed) {
    publishOrderEvents(order, [row]);
    publishNotifications(notifications);
  }
  return { row, replayed };
}

export function addOrderNote(
  db: Db,
  idOrReference: string,
  input: NoteInput,
  caller: StaffCaller,
  now = new Date(),
  idempotencyKey?: string,
): Promise<AddedEvent> {
  return addCustomerFacingEvent(
    db,
    idOrReference,
    { type: 'note', body: input.body, visibility: input.visibility },
    caller,
    now,
    idempotencyKey,
  );
}
