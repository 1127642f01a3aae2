/**
 * The weekly series the forecasts are fitted on: bookings created per week and net money in per
 * week (payments in succeeded/refunded/partially_refunded at `succeeded_at`, less succeeded
 * refunds at their `created_at`), in ISO weeks (Monday first) of scope.timeZone, from the first
 * week with data (at most MAX_HISTORY_WEEKS back) to the last complete week before scope.now.
 * The week holding `now` is not history: it is still filling up, and is the first forecast week.
 * Both are one aggregate query each; the range is compared in local time, so no zone arithmetic
 * happens in JS beyond finding today's date in the zone.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { AnalyticsScope } from '../scope';
import { inShops, rowsOf as readRows } from './sql';

/** Three years of weeks: enough for the seasonal model, and what the dashboard allows as range. */
export const MAX_HISTORY_WEEKS = 156;

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** `date` (YYYY-MM-DD) moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday (YYYY-MM-DD) of the ISO week holding `date`. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

export interface WeeklySeries {
  /** Mondays, consecutive, oldest first */
  weeks: string[];
  values: number[];
  /** Monday of the week holding scope.now: the first week to forecast */
  currentWeek: string;
}

/** The rows of a `week, value` query laid out on consecutive weeks (zeros where nothing happened). */
export function toSeries(rows: Array<{ week: string; value: number }>, currentWeek: string): WeeklySeries {
  const byWeek = new Map(rows.map((r) => [r.week, r.value]));
  const first = [...byWeek.keys()].sort()[0];
  const weeks: string[] = [];
  if (first !== undefined) {
    for (let w = first; w < currentWeek; w = addDays(w, 7)) weeks.push(w);
  }
  return { weeks, values: weeks.map((w) => byWeek.get(w) ?? 0), currentWeek };
}

export interface HistoryWindow {
  tz: string;
  /** local timestamp (YYYY-MM-DD 00:00) where the history starts, inclusive */
  start: string;
  /** local timestamp where it ends, exclusive: the current week's Monday */
  end: string;
  currentWeek: string;
}

export function historyWindow(scope: AnalyticsScope): HistoryWindow {
  const currentWeek = mondayOf(localDate(scope.now, scope.timeZone));
  return {
    tz: scope.timeZone,
    start: addDays(currentWeek, -7 * MAX_HISTORY_WEEKS),
    end: currentWeek,
    currentWeek,
  };
}

/** `column IN (shops)`, or nothing for every shop. */
export const shopFilter = inShops;

/** `ts` (timestamptz) as a local timestamp inside the window. */
function inWindow(ts: SQL, w: HistoryWindow): SQL {
  return sql`(${ts} at time zone ${w.tz}) >= ${w.start}::timestamp and (${ts} at time zone ${w.tz}) < ${w.end}::timestamp`;
}

function week(ts: SQL, w: HistoryWindow): SQL {
  return sql`to_char(date_trunc('week', ${ts} at time zone ${w.tz}), 'YYYY-MM-DD')`;
}

type Row = { week: string; value: number | string; shop?: string | null };

const rowsOf = (db: Db, query: SQL): Promise<Row[]> => readRows<Row>(db, query);

/** Bookings created per week (every booking made, later cancelled or not: demand). */
export async function readWeeklyBookings(db: Db, scope: AnalyticsScope): Promise<WeeklySeries> {
  const w = historyWindow(scope);
  const rows = await rowsOf(
    db,
    sql`select ${week(sql`b.created_at`, w)} as week, count(*)::int as value
        from bookings b
        where ${inWindow(sql`b.created_at`, w)} and ${shopFilter(sql`b.shop_slug`, scope.shopSlugs)}
        group by 1`,
  );
  return toSeries(
    rows.map((r) => ({ week: r.week, value: Number(r.value) })),
    w.currentWeek,
  );
}

/** Bookings created per week and shop, for every shop in `shopSlugs` (the capacity rule). */
export async function readWeeklyBookingsByShop(
  db: Db,
  scope: AnalyticsScope,
  shopSlugs: string[],
): Promise<Map<string, WeeklySeries>> {
  const w = historyWindow(scope);
  const rows = await rowsOf(
    db,
    sql`select b.shop_slug as shop, ${week(sql`b.created_at`, w)} as week, count(*)::int as value
        from bookings b
        where ${inWindow(sql`b.created_at`, w)} and ${shopFilter(sql`b.shop_slug`, shopSlugs)}
        group by 1, 2`,
  );
  return new Map(
    shopSlugs.map((shop) => [
      shop,
      toSeries(
        rows.filter((r) => r.shop === shop).map((r) => ({ week: r.week, value: Number(r.value) })),
        w.currentWeek,
      ),
    ]),
  );
}

/** Net money in per week (minor units): money in less refunds, by the order's shop. */
export async function readWeeklyNetRevenue(db: Db, scope: AnalyticsScope): Promise<WeeklySeries> {
  const w = historyWindow(scope);
  const rows = await rowsOf(
    db,
    sql`select week, sum(amount)::float8 as value from (
          select ${week(sql`p.succeeded_at`, w)} as week, p.amount_minor as amount
          from payments p join repair_orders o on o.id = p.order_id
          where p.status in ('succeeded', 'refunded', 'partially_refunded') and p.succeeded_at is not null
            and ${inWindow(sql`p.succeeded_at`, w)} and ${shopFilter(sql`o.shop_slug`, scope.shopSlugs)}
          union all
          select ${week(sql`r.created_at`, w)} as week, -r.amount_minor as amount
          from payment_refunds r join payments p on p.id = r.payment_id join repair_orders o on o.id = p.order_id
          where r.status = 'succeeded'
            and ${inWindow(sql`r.created_at`, w)} and ${shopFilter(sql`o.shop_slug`, scope.shopSlugs)}
        ) x group by week`,
  );
  return toSeries(
    rows.map((r) => ({ week: r.week, value: Number(r.value) })),
    w.currentWeek,
  );
}
