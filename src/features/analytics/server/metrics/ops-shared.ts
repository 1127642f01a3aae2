/**
 * Pieces the workshop metrics (ops-*.ts) share: the shop filter, the time parameters, reading
 * rows from either driver, and the arithmetic of hours, weeks and rates.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnalyticsScope } from '../scope';
import { inShops, rowsOf, ts } from './sql';

/** `column IN (shops)` for a shop-limited scope; no condition (TRUE) for every shop. */
export const shopFilter = (column: SQL, scope: AnalyticsScope): SQL => inShops(column, scope.shopSlugs);

/** A time as a timestamptz parameter. */
export const at = ts;
export { rowsOf };

/**
 * Hours between two timestamptz expressions, as a double. `date_part` answers a double, where
 * `extract` answers a numeric: over a year of orders the numeric arithmetic was most of
 * turnaround's time on PGlite (docs/benchmarks-analytics.md).
 */
export const hoursBetween = (start: SQL, end: SQL): SQL =>
  sql`(date_part('epoch', ${end} - ${start}) / 3600.0)`;

/** The median and 80th percentile (linear interpolation) of an expression, as doubles. */
export const medianOf = (value: SQL): SQL =>
  sql`(percentile_cont(0.5) within group (order by ${value}))::float8`;
export const p80Of = (value: SQL): SQL =>
  sql`(percentile_cont(0.8) within group (order by ${value}))::float8`;

/** A number from the database (counts may come back as text), or null. */
export function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Rounded to `places` decimals (figures shown to people; the raw median stays exact enough). */
export function round(v: number | null, places = 2): number | null {
  if (v === null) return null;
  const f = 10 ** places;
  return Math.round(v * f) / f;
}

/** part / whole, or null when the whole is 0. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Calendar days in an inclusive YYYY-MM-DD range. */
export function daysIn(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000) + 1;
}

/** The comparison window of a scope, or null without one. */
export function compareWindow(scope: AnalyticsScope): { from: Date; to: Date } | null {
  return scope.compareFrom && scope.compareTo ? { from: scope.compareFrom, to: scope.compareTo } : null;
}

/**
 * An order's (`ro`) FIRST move to "ready for collection" if it was before `to`, else null: the
 * column `repair_orders.ready_at`, kept from the timeline by a trigger (migration 0020).
 */
export const firstReady = (to: Date): SQL => sql`(case when ro.ready_at < ${at(to)} then ro.ready_at end)`;
