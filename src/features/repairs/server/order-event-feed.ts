/**
 * Reading the timeline by event id, for the live streams: the events after a cursor, a few by
 * id, and the newest id. A scope narrows it to one order, to customer-visible events and/or
 * to one shop's orders; every event comes with its order's reference and current status.
 */
import { and, asc, eq, gt, inArray, max, notInArray, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderEvents, repairOrders } from '@/server/db/schema';
import type { OrderEventRow } from './order-events';

export interface OrderEventScope {
  orderId?: string;
  /** only events the customer may see (visibility `customer`) */
  customerOnly?: boolean;
  shopSlug?: string;
  /** the order by its reference (RT-XXXXXX) */
  reference?: string;
  /** event types left out (another shop's staff do not see the shop-only ones) */
  excludeTypes?: readonly string[];
}

export interface OrderEventWithOrder {
  event: OrderEventRow;
  order: { id: string; reference: string; status: string; shopSlug: string | null };
}

function conditions(scope: OrderEventScope): SQL[] {
  const where: SQL[] = [];
  if (scope.orderId) where.push(eq(repairOrderEvents.orderId, scope.orderId));
  if (scope.customerOnly) where.push(eq(repairOrderEvents.visibility, 'customer'));
  if (scope.shopSlug) where.push(eq(repairOrders.shopSlug, scope.shopSlug));
  if (scope.reference) where.push(eq(repairOrders.reference, scope.reference));
  if (scope.excludeTypes?.length) where.push(notInArray(repairOrderEvents.type, [...scope.excludeTypes]));
  return where;
}

function select(db: Db) {
  return db
    .select({
      event: repairOrderEvents,
      order: {
        id: repairOrders.id,
        reference: repairOrders.reference,
        status: repairOrders.status,
        shopSlug: repairOrders.shopSlug,
      },
    })
    .from(repairOrderEvents)
    .innerJoin(repairOrders, eq(repairOrders.id, repairOrderEvents.orderId));
}

/** Events with id > `afterId`, oldest first, at most `limit`. */
export function orderEventsAfter(
  db: Db,
  scope: OrderEventScope,
  afterId: number,
  limit: number,
): Promise<OrderEventWithOrder[]> {
  return select(db)
    .where(and(gt(repairOrderEvents.id, afterId), ...conditions(scope)))
    .orderBy(asc(repairOrderEvents.id))
    .limit(limit);
}

/** These events, when they are in the scope. */
export function orderEventsByIds(
  db: Db,
  scope: OrderEventScope,
  ids: number[],
): Promise<OrderEventWithOrder[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return select(db)
    .where(and(inArray(repairOrderEvents.id, ids), ...conditions(scope)))
    .orderBy(asc(repairOrderEvents.id));
}

/** The newest event id in the scope (0 when there is none). */
export async function latestOrderEventId(db: Db, scope: OrderEventScope): Promise<number> {
  const where = conditions(scope);
  const q = db.select({ id: max(repairOrderEvents.id) }).from(repairOrderEvents);
  const [row] =
    scope.shopSlug || scope.reference
      ? await q.innerJoin(repairOrders, eq(repairOrders.id, repairOrderEvents.orderId)).where(and(...where))
      : await q.where(where.length ? and(...where) : undefined);
  return Number(row?.id ?? 0);
}
