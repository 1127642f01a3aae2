/**
 * The live feeds: which bus channel announces what, and which rows a client may receive.
 * Customer feeds carry customer-visible events only, checked twice: the announcement's
 * visibility is looked at, and the rows are read with `visibility = 'customer'`.
 */
import type { Db } from '@/server/db/runtime';
import type { BusMessage } from '@/server/events';
import type { Role } from '@/server/db/schema';
import {
  latestOrderEventId,
  orderEventsAfter,
  orderEventsByIds,
  type OrderEventScope,
  type OrderEventWithOrder,
} from '@/features/repairs/server/order-event-feed';
import {
  latestNotificationId,
  notificationsAfter,
  notificationsByIds,
  toNotificationItem,
} from '@/features/notifications/server/list-notifications';
import type { Announcement, LiveFeed, LiveItem } from './live-cursor';

function idOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function rowOrResync(message: BusMessage, key: string): Announcement {
  if (message.resync === true) return { kind: 'resync' };
  const id = idOf(message[key]);
  return id ? { kind: 'row', id } : null;
}

/** What a customer (portal or tracking link) sees of an order event. */
function customerItem({ event, order }: OrderEventWithOrder): LiveItem {
  return {
    id: event.id,
    data: {
      kind: 'order_event',
      id: event.id,
      reference: order.reference,
      status: order.status,
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      message: event.message,
      at: event.createdAt.toISOString(),
    },
  };
}

/** Staff see every event of the order, internal ones included. */
function staffItem({ event, order }: OrderEventWithOrder): LiveItem {
  return {
    id: event.id,
    data: {
      kind: 'order_event',
      id: event.id,
      orderId: order.id,
      reference: order.reference,
      status: order.status,
      shopSlug: order.shopSlug,
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      message: event.message,
      visibility: event.visibility,
      actor: event.actor,
      actorRole: event.actorRole,
      data: event.data,
      at: event.createdAt.toISOString(),
    },
  };
}

/** The board's view: which order changed, and how (no event content). */
function boardItem({ event, order }: OrderEventWithOrder): LiveItem {
  return {
    id: event.id,
    data: {
      kind: 'order_event',
      id: event.id,
      orderId: order.id,
      reference: order.reference,
      type: event.type,
      status: order.status,
      shopSlug: order.shopSlug,
    },
  };
}

function orderEventFeed(
  db: Db,
  channel: string,
  scope: OrderEventScope,
  toItem: (row: OrderEventWithOrder) => LiveItem,
  accept: (message: BusMessage) => boolean,
): LiveFeed {
  return {
    channels: [channel],
    announced: (message) =>
      message.resync === true || accept(message) ? rowOrResync(message, 'eventId') : null,
    head: () => latestOrderEventId(db, scope),
    after: async (afterId, limit) => (await orderEventsAfter(db, scope, afterId, limit)).map(toItem),
    byIds: async (ids) => (await orderEventsByIds(db, scope, ids)).map(toItem),
  };
}

/** One order as its customer sees it (portal and tracking link): customer-visible events only. */
export function customerOrderFeed(db: Db, orderId: string): LiveFeed {
  return orderEventFeed(
    db,
    `order:${orderId}`,
    { orderId, customerOnly: true },
    customerItem,
    (m) => m.visibility === 'customer',
  );
}

/** One order for staff: every event, internal notes included. */
export function staffOrderFeed(db: Db, orderId: string): LiveFeed {
  return orderEventFeed(db, `order:${orderId}`, { orderId }, staffItem, () => true);
}

/** Changes across all orders (or one shop's) for the staff queue and board. */
export function staffBoardFeed(db: Db, shopSlug: string | undefined): LiveFeed {
  return orderEventFeed(db, 'orders', { shopSlug }, boardItem, (m) => !shopSlug || m.shopSlug === shopSlug);
}

/** A user's notifications (and "some were read", so other tabs update their count). */
export function notificationFeed(db: Db, user: { id: string; role: Role }): LiveFeed {
  const toItem = (row: Parameters<typeof toNotificationItem>[0]): LiveItem => ({
    id: row.id,
    data: { kind: 'notification', ...toNotificationItem(row, user.role) },
  });
  return {
    channels: [`user:${user.id}`],
    announced: (message) => {
      if (message.read === true) {
        const unreadCount = typeof message.unreadCount === 'number' ? message.unreadCount : null;
        return { kind: 'signal', data: { kind: 'read', unreadCount } };
      }
      return rowOrResync(message, 'notificationId');
    },
    head: () => latestNotificationId(db, user.id),
    after: async (afterId, limit) => (await notificationsAfter(db, user.id, afterId, limit)).map(toItem),
    byIds: async (ids) => (await notificationsByIds(db, user.id, ids)).map(toItem),
  };
}
