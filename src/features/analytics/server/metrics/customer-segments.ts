/** customerSegments: the customers active in the range as one-off, repeat or business. */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import { moneyInRows, num, refundRows, rowsOf, ts } from './money-sql';
import { countedBookings, CUSTOMER_KEY, EMAIL_DOMAIN, PUBLIC_DOMAINS_SQL } from './customer-sql';

export const SEGMENTS = ['oneOff', 'repeat', 'business'] as const;

export async function customerSegments(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('customerSegments', scope);
  const { from, to, shopSlugs } = scope;
  const rows = await rowsOf<{ segment: string; customers: string; revenue: string }>(
    db,
    sql`WITH per AS (
        SELECT ${CUSTOMER_KEY} AS key, count(*) AS total,
          count(*) FILTER (WHERE b.created_at >= ${ts(from)}) AS in_range,
          bool_or(${EMAIL_DOMAIN} <> '' AND ${EMAIL_DOMAIN} NOT IN (${PUBLIC_DOMAINS_SQL})) AS business
        FROM bookings b WHERE ${countedBookings(shopSlugs)} AND b.created_at < ${ts(to)}
        GROUP BY 1
      ), seg AS (
        SELECT key, CASE WHEN business THEN 'business' WHEN total >= 2 THEN 'repeat' ELSE 'oneOff' END AS segment
        FROM per WHERE in_range > 0
      ), money AS (
        SELECT ${CUSTOMER_KEY} AS key, sum(x.amount) AS amount FROM (
          SELECT booking_id, amount FROM ${moneyInRows(from, to, shopSlugs)} m
          UNION ALL
          SELECT booking_id, -amount FROM ${refundRows(from, to, shopSlugs)} r
        ) x JOIN bookings b ON b.id = x.booking_id
        GROUP BY 1
      )
      SELECT seg.segment, count(*) AS customers, coalesce(sum(money.amount), 0) AS revenue
      FROM seg LEFT JOIN money ON money.key = seg.key
      GROUP BY seg.segment`,
  );
  const of = new Map(rows.map((r) => [r.segment, { customers: num(r.customers), revenue: num(r.revenue) }]));
  const customers = rows.reduce((s, r) => s + num(r.customers), 0);
  const revenue = rows.reduce((s, r) => s + num(r.revenue), 0);
  result.cards = [card('customers', 'count', customers), card('revenue', 'money', revenue)];
  result.table = {
    columns: [
      { key: 'segment', unit: 'text' },
      { key: 'customers', unit: 'count' },
      { key: 'customerShare', unit: 'percent' },
      { key: 'revenue', unit: 'money' },
      { key: 'revenueShare', unit: 'percent' },
    ],
    rows: SEGMENTS.map((segment) => {
      const s = of.get(segment) ?? { customers: 0, revenue: 0 };
      return {
        segment,
        customers: s.customers,
        customerShare: customers > 0 ? s.customers / customers : null,
        revenue: s.revenue,
        revenueShare: revenue > 0 ? s.revenue / revenue : null,
      };
    }),
  };
  result.chart = { kind: 'pie', x: 'segment', series: ['customers'] };
  return result;
}
