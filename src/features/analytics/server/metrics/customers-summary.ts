/** customersSummary: new, returning, lifetime value, churn and repeat rate (docs/analytics.md). */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { MetricResult, Unit } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import { inShops, MONEY_IN_STATUSES, num, rowsOf, ts } from './money-sql';
import { countedBookings, CUSTOMER_KEY } from './customer-sql';

interface CustomerFigures {
  active: number;
  newCustomers: number;
  returning: number;
  lifetimeValue: number | null;
  churned: number;
  churnRate: number | null;
  repeatRate: number | null;
}

const MONEY_IN = sql.raw(MONEY_IN_STATUSES.map((s) => `'${s}'`).join(', '));

/** The figures of one range: [from, to), whose first day is `fromDate` in `timeZone`. */
async function customerFigures(
  db: Db,
  from: Date,
  to: Date,
  fromDate: string,
  timeZone: string,
  shops: string[] | null,
): Promise<CustomerFigures> {
  // the 12 months before the range start, from midnight in the scope's zone
  const yearBefore = sql`((${fromDate}::date - interval '12 months')::timestamp AT TIME ZONE ${timeZone}::text)`;
  const [row] = await rowsOf<Record<string, string | null>>(
    db,
    sql`WITH cb AS (
        SELECT ${CUSTOMER_KEY} AS key, b.created_at FROM bookings b
        WHERE ${countedBookings(shops)} AND b.created_at < ${ts(to)}
      ), per AS (
        SELECT key, min(created_at) AS first_at, count(*) AS total,
          count(*) FILTER (WHERE created_at >= ${ts(from)}) AS in_range,
          count(*) FILTER (WHERE created_at >= ${yearBefore} AND created_at < ${ts(from)}) AS prior_year
        FROM cb GROUP BY key
      ), paid AS (
        SELECT ${CUSTOMER_KEY} AS key, sum(x.amount) AS net FROM (
          SELECT p.order_id, p.amount_minor AS amount FROM payments p
            WHERE p.status IN (${MONEY_IN}) AND p.succeeded_at < ${ts(to)}
          UNION ALL
          SELECT p.order_id, -r.amount_minor FROM payment_refunds r JOIN payments p ON p.id = r.payment_id
            WHERE r.status = 'succeeded' AND r.created_at < ${ts(to)}
        ) x JOIN repair_orders o ON o.id = x.order_id JOIN bookings b ON b.id = o.booking_id
        WHERE ${inShops(sql`o.shop_slug`, shops)}
        GROUP BY 1
      )
      SELECT
        count(*) FILTER (WHERE in_range > 0) AS active,
        count(*) FILTER (WHERE in_range > 0 AND first_at >= ${ts(from)}) AS new_customers,
        count(*) FILTER (WHERE in_range > 0 AND total >= 2) AS repeat,
        count(*) FILTER (WHERE prior_year > 0) AS prior_active,
        count(*) FILTER (WHERE prior_year > 0 AND in_range = 0) AS churned,
        coalesce(sum(paid.net) FILTER (WHERE in_range > 0), 0) AS active_net
      FROM per LEFT JOIN paid ON paid.key = per.key`,
  );
  const active = num(row?.active);
  const newCustomers = num(row?.new_customers);
  const priorActive = num(row?.prior_active);
  const churned = num(row?.churned);
  return {
    active,
    newCustomers,
    returning: active - newCustomers,
    lifetimeValue: active > 0 ? Math.round(num(row?.active_net) / active) : null,
    churned,
    churnRate: priorActive > 0 ? churned / priorActive : null,
    repeatRate: active > 0 ? num(row?.repeat) / active : null,
  };
}

const CARDS: Array<{ key: keyof CustomerFigures; unit: Unit }> = [
  { key: 'active', unit: 'count' },
  { key: 'newCustomers', unit: 'count' },
  { key: 'returning', unit: 'count' },
  { key: 'lifetimeValue', unit: 'money' },
  { key: 'churned', unit: 'count' },
  { key: 'churnRate', unit: 'percent' },
  { key: 'repeatRate', unit: 'percent' },
];

export async function customersSummary(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('customersSummary', scope);
  const now = await customerFigures(
    db,
    scope.from,
    scope.to,
    scope.rangeFrom,
    scope.timeZone,
    scope.shopSlugs,
  );
  const before =
    scope.compareFrom && scope.compareTo && scope.compareRangeFrom
      ? await customerFigures(
          db,
          scope.compareFrom,
          scope.compareTo,
          scope.compareRangeFrom,
          scope.timeZone,
          scope.shopSlugs,
        )
      : null;
  result.cards = CARDS.map((c) => card(c.key, c.unit, now[c.key], before ? before[c.key] : null));
  result.table = {
    columns: [
      { key: 'figure', unit: 'text' },
      { key: 'unit', unit: 'text' },
      { key: 'value', unit: 'count' },
      { key: 'previous', unit: 'count' },
      { key: 'change', unit: 'percent' },
    ],
    rows: result.cards.map((c) => ({
      figure: c.key,
      unit: c.unit,
      value: c.value,
      previous: c.previous,
      change: c.change,
    })),
  };
  return result;
}
