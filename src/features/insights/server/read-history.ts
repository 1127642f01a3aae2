/**
 * The repair history the insights are computed from: one query per figure, each for a set of
 * models (or every model) at one shop (or every shop), reading only the rows a figure needs.
 *
 * The shop is the booking's (`bookings.shop_slug`, the same as the order's), so the shop filter
 * runs on the index `bookings_slot_idx (shop_slug, slot_starts_at)`; orders join their booking
 * on `repair_orders_booking_uq`, lines and events their order on `repair_order_lines_order_idx`
 * and `repair_order_events_order_idx`. Cancelled orders are not history.
 */
import { and, eq, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, repairOrderEvents, repairOrderLines, repairOrders, repairTypes } from '@/server/db/schema';
import type { RepairStatus } from '@/features/repairs';
import { customerKey, type DeviceVisit, type RepairRow } from '../statistics';

export interface HistoryScope {
  /** the models to read; null: every model */
  modelSlugs: readonly string[] | null;
  /** one shop's history; null: every shop's (and mail-ins without a shop) */
  shopSlug: string | null;
}

const CANCELLED: RepairStatus = 'cancelled';
const READY: RepairStatus = 'ready_for_collection';
const FINISHED: RepairStatus[] = ['ready_for_collection', 'collected'];

function scopeCondition(scope: HistoryScope): SQL {
  return and(
    ne(repairOrders.status, CANCELLED),
    scope.shopSlug === null ? undefined : eq(bookings.shopSlug, scope.shopSlug),
    scope.modelSlugs === null
      ? undefined
      : scope.modelSlugs.length === 1
        ? eq(bookings.modelSlug, scope.modelSlugs[0]!)
        : inArray(bookings.modelSlug, [...scope.modelSlugs]),
  )!;
}

export type ModelRepairRow = RepairRow & { modelSlug: string };

/** Each received order's booked repairs (one row per order and repair type). */
export async function readRepairRows(db: Db, scope: HistoryScope): Promise<ModelRepairRow[]> {
  const rows = await db
    .selectDistinct({
      orderId: repairOrders.id,
      modelSlug: bookings.modelSlug,
      receivedAt: repairOrders.receivedAt,
      repairSlug: repairOrderLines.repairSlug,
      repairName: sql<string>`coalesce(${repairTypes.name}, ${repairOrderLines.repairSlug})`,
    })
    .from(repairOrders)
    .innerJoin(bookings, eq(bookings.id, repairOrders.bookingId))
    .innerJoin(repairOrderLines, eq(repairOrderLines.orderId, repairOrders.id))
    .leftJoin(repairTypes, eq(repairTypes.slug, repairOrderLines.repairSlug))
    .where(
      and(
        scopeCondition(scope),
        isNotNull(repairOrders.receivedAt),
        eq(repairOrderLines.kind, 'repair'),
        isNotNull(repairOrderLines.repairSlug),
      ),
    );
  return rows.map((r) => ({
    orderId: r.orderId,
    modelSlug: r.modelSlug,
    receivedAt: r.receivedAt!,
    repairSlug: r.repairSlug!,
    repairName: r.repairName,
  }));
}

export interface TurnaroundRow {
  modelSlug: string;
  hours: number;
}

/**
 * Hours from receipt (`received_at`, the first time the order was received: an undone receipt
 * clears it) to the LAST move to "ready for collection" on the timeline (a device sent back to
 * repair from "ready" was not ready the first time), for orders that are ready or collected.
 */
export async function readTurnarounds(db: Db, scope: HistoryScope): Promise<TurnaroundRow[]> {
  const readyAt = sql<string>`max(${repairOrderEvents.createdAt})`;
  const rows = await db
    .select({
      modelSlug: bookings.modelSlug,
      receivedAt: repairOrders.receivedAt,
      readyAt,
    })
    .from(repairOrders)
    .innerJoin(bookings, eq(bookings.id, repairOrders.bookingId))
    .innerJoin(
      repairOrderEvents,
      and(
        eq(repairOrderEvents.orderId, repairOrders.id),
        eq(repairOrderEvents.type, 'status_changed'),
        eq(repairOrderEvents.toStatus, READY),
      ),
    )
    .where(
      and(scopeCondition(scope), isNotNull(repairOrders.receivedAt), inArray(repairOrders.status, FINISHED)),
    )
    .groupBy(repairOrders.id, bookings.modelSlug, repairOrders.receivedAt);
  return rows.flatMap((r) => {
    const hours = (new Date(r.readyAt).getTime() - r.receivedAt!.getTime()) / 3_600_000;
    return hours >= 0 ? [{ modelSlug: r.modelSlug, hours }] : [];
  });
}

/** Every order's device identity and dates, for the repeat-repair rate. */
export async function readDeviceVisits(db: Db, scope: HistoryScope): Promise<DeviceVisit[]> {
  const rows = await db
    .select({
      orderId: repairOrders.id,
      modelSlug: bookings.modelSlug,
      imeiSerial: repairOrders.imeiSerial,
      userId: bookings.userId,
      email: bookings.customerEmail,
      phone: bookings.customerPhone,
      receivedAt: repairOrders.receivedAt,
      createdAt: repairOrders.createdAt,
      collectedAt: repairOrders.collectedAt,
    })
    .from(repairOrders)
    .innerJoin(bookings, eq(bookings.id, repairOrders.bookingId))
    .where(scopeCondition(scope));
  return rows.map((r) => ({
    orderId: r.orderId,
    modelSlug: r.modelSlug,
    imeiSerial: r.imeiSerial,
    customerKey: customerKey(r),
    arrivedAt: r.receivedAt ?? r.createdAt,
    collectedAt: r.collectedAt,
  }));
}
