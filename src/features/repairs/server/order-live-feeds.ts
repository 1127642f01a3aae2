/**
 * The live feeds of orders: which bus channel announces what, and which rows a client may
 * receive. Customer feeds carry customer-visible events only, checked twice: the announcement's
 * visibility is looked at, and the rows are read with `visibility = 'customer'`.
 */
import type { Db } from '@/server/db/runtime';
import type { BusMessage } from '@/server/events';
import { rowOrResync, type LiveFeed, type LiveItem } from '@/features/live/server';
import { SHOP_ONLY_EVENT_TYPES } from './staff-view';
import {
  latestOrderEventId,
  orderEventsAfter,
  orderEventsByIds,
  type OrderEventScope,
  type OrderEventWithOrder,
} from './order-event-feed';

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

/**
 * One order for staff: every event, internal notes included; without the shop-only ones
 * (`SHOP_ONLY_EVENT_TYPES`, e.g. the rating) when `shopOnly` is false (staff of another shop).
 */
export function staffOrderFeed(db: Db, orderId: string, { shopOnly = true } = {}): LiveFeed {
  const excludeTypes = shopOnly ? undefined : SHOP_ONLY_EVENT_TYPES;
  return orderEventFeed(db, `order:${orderId}`, { orderId, excludeTypes }, staffItem, (m) =>
    shopOnly ? true : !SHOP_ONLY_EVENT_TYPES.includes(String(m.type)),
  );
}

/** Changes across all orders (or one shop's) for the staff queue and board. */
export function staffBoardFeed(db: Db, shopSlug: string | undefined): LiveFeed {
  return orderEventFeed(db, 'orders', { shopSlug }, boardItem, (m) => !shopSlug || m.shopSlug === shopSlug);
}
