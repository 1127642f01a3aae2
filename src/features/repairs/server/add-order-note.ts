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
import { appendOrderEvent, publishOrderEvents, type OrderEventRow } from './order-events';
import type { StaffCaller } from './staff-caller';

export interface NoteInput {
  body: string;
  visibility: 'internal' | 'customer';
}

/** Shared by notes and messages: one event, and the customer's notification when they can see it. */
export async function addCustomerFacingEvent(
  db: Db,
  idOrReference: string,
  event: { type: 'note' | 'message'; body: string; visibility: 'internal' | 'customer' },
  caller: StaffCaller,
  now: Date,
): Promise<OrderEventRow> {
  const { row, order, notifications } = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, idOrReference);
    // a write like any other (status, lines, quotes): the assigned technician or the shop's manager
    assertCan(caller.ability, 'update', loaded);
    const row = await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: event.type,
      actor: caller.actor,
      visibility: event.visibility,
      message: event.body.trim(),
      at: now,
    });
    const customerId = loaded.booking.userId;
    // a message (or customer-visible note) from the shop: bell and push, as the customer chose
    const notifications: NotificationRow[] =
      event.visibility === 'customer' && customerId && customerId !== caller.user.id
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
    return { row, order: loaded.order, notifications };
  });
  publishOrderEvents(order, [row]);
  publishNotifications(notifications);
  return row;
}

export function addOrderNote(
  db: Db,
  idOrReference: string,
  input: NoteInput,
  caller: StaffCaller,
  now = new Date(),
): Promise<OrderEventRow> {
  return addCustomerFacingEvent(
    db,
    idOrReference,
    { type: 'note', body: input.body, visibility: input.visibility },
    caller,
    now,
  );
}
