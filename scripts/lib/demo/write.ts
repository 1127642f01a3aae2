/**
 * Writes the demo year into the real tables: plain multi-row inserts in one transaction.
 * Running it again REPLACES the earlier demo rows (found by their marks: bookings whose
 * tracking hash starts `demo:`, users whose id starts `demo-`, events whose visit id starts
 * `demo-v`), so the same seed on the same day gives the same data.
 */
import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@/server/db/client';
import {
  analyticsEvents,
  bookings,
  deviceModels,
  invoices,
  modelRepairs,
  paymentRefunds,
  payments,
  repairOrderEvents,
  repairOrderLines,
  repairOrders,
  repairRatings,
  repairTypes,
  shops,
  slotReservations,
  user,
} from '@/server/db/schema';
import { DEMO_ID_PREFIX } from './people';
import { DEMO_TOKEN_PREFIX, planDemo, type DemoOptions, type DemoPlan } from './plan';
import { DEMO_VISIT_PREFIX } from './visits';

export interface DemoCounts {
  users: number;
  bookings: number;
  orders: number;
  lines: number;
  events: number;
  payments: number;
  refunds: number;
  invoices: number;
  ratings: number;
  analyticsEvents: number;
  /** rows of an earlier demo run deleted first */
  replacedOrders: number;
  planMs: number;
  writeMs: number;
}

/** Rows per INSERT statement. */
const CHUNK = 5000;

export async function seedDemo(db: Db, opts: DemoOptions): Promise<DemoCounts> {
  return db.transaction(async (tx) => {
    const replacedOrders = await clearDemo(tx);
    const started = Date.now();
    const plan = planDemo(opts, await loadContext(tx));
    const planMs = Date.now() - started;
    const writeStarted = Date.now();
    await insertAll(tx, user, plan.users);
    await insertAll(tx, bookings, plan.bookings);
    await insertAll(tx, repairOrders, plan.orders);
    await insertAll(tx, repairOrderLines, plan.lines);
    await insertAll(tx, repairOrderEvents, plan.events);
    await insertAll(tx, payments, plan.payments);
    await insertAll(tx, paymentRefunds, plan.refunds);
    await insertAll(tx, invoices, plan.invoices);
    await insertAll(tx, repairRatings, plan.ratings);
    await insertAll(tx, analyticsEvents, plan.analytics);
    await reserveSlots(tx, plan);
    // fresh statistics, so the planner sees a year of rows at once
    for (const t of [
      bookings,
      repairOrders,
      repairOrderLines,
      repairOrderEvents,
      payments,
      paymentRefunds,
      invoices,
      repairRatings,
      analyticsEvents,
    ]) {
      await tx.execute(sql`ANALYZE ${t}`);
    }
    return {
      users: plan.users.length,
      bookings: plan.bookings.length,
      orders: plan.orders.length,
      lines: plan.lines.length,
      events: plan.events.length,
      payments: plan.payments.length,
      refunds: plan.refunds.length,
      invoices: plan.invoices.length,
      ratings: plan.ratings.length,
      analyticsEvents: plan.analytics.length,
      replacedOrders,
      planMs,
      writeMs: Date.now() - writeStarted,
    };
  });
}

/**
 * Inserts rows as one JSON parameter per chunk (`json_populate_recordset`): PostgreSQL parses
 * it in one go, far cheaper than thousands of bind parameters (the query builder and PGlite's
 * protocol spend most of the time on those). Columns absent from every row keep their default;
 * a value missing from some rows takes the column's plain default.
 */
async function insertAll<T extends PgTable>(tx: Db, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string; default?: unknown }>;
  const present = Object.keys(columns).filter((key) =>
    rows.some((r) => (r as Record<string, unknown>)[key] !== undefined),
  );
  const names = sql.raw(present.map((key) => `"${columns[key]!.name}"`).join(', '));
  // a row without a value gets the column's plain default (.default(0), .default([])), else NULL
  const fill = present.map((key) => {
    const column = columns[key]!;
    return [key, column.name, isPlain(column.default) ? column.default : null] as const;
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(
      rows.slice(i, i + CHUNK).map((row) => {
        const out: Record<string, unknown> = {};
        for (const [key, name, fallback] of fill) {
          const value = (row as Record<string, unknown>)[key];
          out[name] = value !== undefined ? value : fallback;
        }
        return out;
      }),
    );
    await tx.execute(
      sql`INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, ${json}::json)`,
    );
  }
}

/** Deletes an earlier demo run (orders cascade to lines, events, payments, refunds, invoices, ratings). */
export async function clearDemo(tx: Db): Promise<number> {
  const demoBookings = sql`SELECT id FROM ${bookings} WHERE tracking_token_hash LIKE ${DEMO_TOKEN_PREFIX + '%'}`;
  // give back the slot places the demo's confirmed drop-offs took
  await tx.execute(sql`
    UPDATE ${slotReservations} sr SET booked = greatest(0, sr.booked - d.n)
    FROM (SELECT shop_slug, slot_starts_at, count(*)::int AS n FROM ${bookings}
          WHERE tracking_token_hash LIKE ${DEMO_TOKEN_PREFIX + '%'} AND status = 'confirmed'
            AND service_type = 'drop_off' AND slot_starts_at IS NOT NULL
          GROUP BY shop_slug, slot_starts_at) d
    WHERE sr.shop_slug = d.shop_slug AND sr.starts_at = d.slot_starts_at`);
  const removed = await tx.execute(sql`DELETE FROM ${repairOrders} WHERE booking_id IN (${demoBookings})`);
  await tx.execute(sql`DELETE FROM ${bookings} WHERE tracking_token_hash LIKE ${DEMO_TOKEN_PREFIX + '%'}`);
  await tx.execute(sql`DELETE FROM ${analyticsEvents} WHERE visit_id LIKE ${DEMO_VISIT_PREFIX + '%'}`);
  await tx.execute(sql`DELETE FROM ${user} WHERE id LIKE ${DEMO_ID_PREFIX + '%'}`);
  return affected(removed);
}

function isPlain(value: unknown): boolean {
  return value !== undefined && !is(value, SQL);
}

function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.affectedRows ?? r.rowCount ?? 0;
}

async function reserveSlots(tx: Db, plan: DemoPlan): Promise<void> {
  for (let i = 0; i < plan.slots.length; i += CHUNK) {
    const chunk = plan.slots.slice(i, i + CHUNK);
    await tx
      .insert(slotReservations)
      .values(chunk)
      .onConflictDoUpdate({
        target: [slotReservations.shopSlug, slotReservations.startsAt],
        set: { booked: sql`${slotReservations.booked} + excluded.booked` },
      });
  }
}

async function loadContext(tx: Db) {
  const [shopRows, models, prices, types, managers, refs, reserved] = await Promise.all([
    tx.select().from(shops).orderBy(shops.createdAt, shops.slug),
    tx.select().from(deviceModels),
    tx.select().from(modelRepairs),
    tx.select().from(repairTypes),
    tx.execute<{ shop_slug: string }>(
      sql`SELECT DISTINCT shop_slug FROM ${user} WHERE role = 'manager' AND shop_slug IS NOT NULL AND disabled_at IS NULL`,
    ),
    tx.select({ reference: bookings.reference }).from(bookings),
    tx.select().from(slotReservations),
  ]);
  const repairName = new Map(types.map((t) => [t.slug, t.name]));
  return {
    shops: shopRows,
    models,
    prices: prices.map((p) => ({ ...p, repairName: repairName.get(p.repairSlug) ?? p.repairSlug })),
    shopsWithManager: new Set(rowsOf<{ shop_slug: string }>(managers).map((r) => r.shop_slug)),
    takenReferences: new Set(refs.map((r) => r.reference)),
    reservedSlots: new Map(reserved.map((r) => [`${r.shopSlug}|${r.startsAt.toISOString()}`, r.booked])),
  };
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
