/**
 * A message from the customer to the shop, from the account portal or the tracking link: one
 * transaction locks the order, checks the sender's rate, appends the `message` event and
 * notifies the shop (the rule in repairs' staff-to-notify.ts); live clients hear about both after the commit.
 * Messages are allowed on any order, closed ones included: a question about a finished repair
 * (warranty, an invoice) is exactly what the thread is for, and they are cheap.
 */
import { and, count, eq, gt } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderEvents } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { createNotifications, publishNotifications } from '@/features/notifications/server';
import type { OrderEventDto } from '@/features/repairs/schemas';
import { toOrderEventDto } from './customer-order-view';
import {
  findOrderByToken,
  findOwnedOrder,
  appendOrderEvent,
  publishOrderEvents,
  type EventActor,
  staffToNotify,
} from '@/features/repairs/server';

export type MessageSender =
  { kind: 'account'; userId: string; name: string } | { kind: 'track'; token: string };

/** Messages one sender may post per minute: an account across its orders, a link per order. */
export const MESSAGES_PER_MINUTE = 20;

/** Preview of the message kept on the staff notification. */
const PREVIEW_LENGTH = 140;

export async function postCustomerMessage(
  db: Db,
  reference: string,
  sender: MessageSender,
  body: string,
  now = new Date(),
): Promise<OrderEventDto> {
  const text = body.trim();
  const result = await db.transaction(async (tx) => {
    const loaded =
      sender.kind === 'account'
        ? await findOwnedOrder(tx, sender.userId, reference, true)
        : await findOrderByToken(tx, reference, sender.token, true);
    if (!loaded) throw new DomainError('NOT_FOUND', 'No repair matches that reference.');
    const { order, booking } = loaded;

    const since = new Date(now.getTime() - 60_000);
    const [recent] = await tx
      .select({ n: count() })
      .from(repairOrderEvents)
      .where(
        and(
          eq(repairOrderEvents.type, 'message'),
          eq(repairOrderEvents.actorRole, 'customer'),
          gt(repairOrderEvents.createdAt, since),
          sender.kind === 'account'
            ? eq(repairOrderEvents.actorUserId, sender.userId)
            : eq(repairOrderEvents.orderId, order.id),
        ),
      );
    if ((recent?.n ?? 0) >= MESSAGES_PER_MINUTE) {
      throw DomainError.rateLimited('You have sent a lot of messages. Please wait a minute.', 60);
    }

    const actor: EventActor =
      sender.kind === 'account'
        ? { name: sender.name, userId: sender.userId, role: 'customer' }
        : { name: booking.customerName, userId: null, role: 'customer' };
    const event = await appendOrderEvent(tx, {
      orderId: order.id,
      type: 'message',
      actor,
      visibility: 'customer',
      message: text,
      at: now,
    });
    const recipients = await staffToNotify(tx, order, 'customer_message', actor.userId);
    const notifications = await createNotifications(
      tx,
      recipients.map((userId) => ({
        userId,
        type: 'message',
        orderId: order.id,
        reference: order.reference,
        data: { eventId: event.id, from: actor.name, preview: text.slice(0, PREVIEW_LENGTH) },
      })),
    );
    return { order, event, notifications };
  });
  publishOrderEvents(result.order, [result.event]);
  publishNotifications(result.notifications);
  return toOrderEventDto(result.event);
}
