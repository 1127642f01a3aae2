/**
 * SQL pieces shared by the money and customer metrics (docs/analytics.md has the definitions):
 * the shop filter on an order's shop, money in, refunds, billed work, and the customer key.
 * Every query here aggregates in the database; the metric files only shape the answer.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { Interval } from '../../metrics';
import { inShops, rowsOf, ts } from './sql';

/** Payment statuses whose amount was taken: counted at `succeeded_at`. */
export const MONEY_IN_STATUSES = ['succeeded', 'refunded', 'partially_refunded'] as const;

/** A number from a SQL aggregate (bigint and numeric arrive as strings); null stays null. */
export function num(v: unknown): number {
  if (v === null || v === undefined) return 0;
  return Number(v);
}

export { inShops, rowsOf, ts };

const MONEY_IN = sql.raw(MONEY_IN_STATUSES.map((s) => `'${s}'`).join(', '));

/** Money in (payments taken) as rows `(shop, order_id, customer, at, amount)`: a FROM subquery. */
export function moneyInRows(from: Date, to: Date, shopSlugs: string[] | null): SQL {
  return sql`(SELECT o.shop_slug AS shop, p.order_id, o.booking_id, p.succeeded_at AS at,
      p.amount_minor AS amount
    FROM payments p JOIN repair_orders o ON o.id = p.order_id
    WHERE p.status IN (${MONEY_IN}) AND p.succeeded_at >= ${ts(from)} AND p.succeeded_at < ${ts(to)}
      AND ${inShops(sql`o.shop_slug`, shopSlugs)})`;
}

/** Refunds that went through as rows `(shop, order_id, booking_id, at, amount)`. */
export function refundRows(from: Date, to: Date, shopSlugs: string[] | null): SQL {
  return sql`(SELECT o.shop_slug AS shop, p.order_id, o.booking_id, r.created_at AS at,
      r.amount_minor AS amount
    FROM payment_refunds r JOIN payments p ON p.id = r.payment_id JOIN repair_orders o ON o.id = p.order_id
    WHERE r.status = 'succeeded' AND r.created_at >= ${ts(from)} AND r.created_at < ${ts(to)}
      AND ${inShops(sql`o.shop_slug`, shopSlugs)})`;
}

export interface MoneyFigures {
  moneyIn: number;
  refunds: number;
  net: number;
  ordersPaid: number;
  /** net / orders paid, rounded to a minor unit; null without paid orders */
  averageOrderValue: number | null;
}

export function moneyFigures(moneyIn: number, refunds: number, ordersPaid: number): MoneyFigures {
  const net = moneyIn - refunds;
  return {
    moneyIn,
    refunds,
    net,
    ordersPaid,
    averageOrderValue: ordersPaid > 0 ? Math.round(net / ordersPaid) : null,
  };
}

/** Money in, refunds and orders paid over one range, per shop (`shop` null: without a shop). */
export async function moneyByShop(
  db: Db,
  from: Date,
  to: Date,
  shopSlugs: string[] | null,
): Promise<Array<{ shop: string | null } & MoneyFigures>> {
  const rows = await rowsOf<{ shop: string | null; money_in: string; refunds: string; orders: string }>(
    db,
    sql`SELECT shop, sum(money_in) AS money_in, sum(refunds) AS refunds, sum(orders) AS orders FROM (
        SELECT shop, sum(amount) AS money_in, 0 AS refunds, count(DISTINCT order_id) AS orders
          FROM ${moneyInRows(from, to, shopSlugs)} m GROUP BY shop
        UNION ALL
        SELECT shop, 0, sum(amount), 0 FROM ${refundRows(from, to, shopSlugs)} r GROUP BY shop
      ) x GROUP BY shop`,
  );
  return rows.map((r) => ({ shop: r.shop, ...moneyFigures(num(r.money_in), num(r.refunds), num(r.orders)) }));
}

/** The whole scope's money over one range. */
export async function moneyTotal(
  db: Db,
  from: Date,
  to: Date,
  shopSlugs: string[] | null,
): Promise<MoneyFigures> {
  const [row] = await rowsOf<{ money_in: string; orders: string; refunds: string }>(
    db,
    // money in and orders paid from one pass over the payments (not two)
    sql`SELECT m.money_in, m.orders,
        (SELECT coalesce(sum(amount), 0) FROM ${refundRows(from, to, shopSlugs)} r) AS refunds
      FROM (SELECT coalesce(sum(amount), 0) AS money_in, count(DISTINCT order_id) AS orders
        FROM ${moneyInRows(from, to, shopSlugs)} m) m`,
  );
  return moneyFigures(num(row?.money_in), num(row?.refunds), num(row?.orders));
}

export interface BilledFigures {
  billed: number;
  partsCost: number;
  margin: number;
  /** margin / billed; null when nothing was billed */
  marginPercent: number | null;
}

/** Parts cost of a line: `parts_minor` of a booked repair, the whole `total_minor` of a part. */
export const PARTS_COST = sql.raw(
  `CASE l.kind WHEN 'repair' THEN l.parts_minor WHEN 'part' THEN l.total_minor ELSE 0 END`,
);

/** The lines of orders collected in the range (`l` lines, `o` orders): a WHERE clause. */
export function collectedIn(from: Date, to: Date, shopSlugs: string[] | null): SQL {
  return sql`o.collected_at >= ${ts(from)} AND o.collected_at < ${ts(to)} AND ${inShops(sql`o.shop_slug`, shopSlugs)}`;
}

export async function billedTotal(
  db: Db,
  from: Date,
  to: Date,
  shopSlugs: string[] | null,
): Promise<BilledFigures> {
  const [row] = await rowsOf<{ billed: string; parts: string }>(
    db,
    sql`SELECT coalesce(sum(l.total_minor), 0) AS billed, coalesce(sum(${PARTS_COST}), 0) AS parts
      FROM repair_order_lines l JOIN repair_orders o ON o.id = l.order_id
      WHERE ${collectedIn(from, to, shopSlugs)}`,
  );
  const billed = num(row?.billed);
  const partsCost = num(row?.parts);
  const margin = billed - partsCost;
  return { billed, partsCost, margin, marginPercent: billed > 0 ? margin / billed : null };
}

/** `date_trunc` of a timestamptz to the scope's interval in its zone, as 'YYYY-MM-DD'. */
export function periodOf(column: SQL, interval: Interval, timeZone: string): SQL {
  const unit = sql.raw(`'${interval}'`);
  return sql`to_char(date_trunc(${unit}, ${column} AT TIME ZONE ${timeZone}::text), 'YYYY-MM-DD')`;
}

/** Every period start (YYYY-MM-DD) from `from` to `to` (inclusive dates), Monday-first weeks. */
export function periodsBetween(from: string, to: string, interval: Interval): string[] {
  const out: string[] = [];
  const day = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (day <= end) {
    const start = new Date(day);
    if (interval === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
    if (interval === 'month') start.setUTCDate(1);
    const key = start.toISOString().slice(0, 10);
    if (out[out.length - 1] !== key) out.push(key);
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}
