/**
 * The queue now: open orders (neither collected nor cancelled) in the scope's shops, their age,
 * the ones past their status's time limit, per status and in age buckets. Reads `scope.now`,
 * not the range. Definitions: docs/analytics-operations.md.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import { REPAIR_STATUSES, STATUS_TIME_LIMIT_HOURS, isTerminal } from '@/features/repairs';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import { at, medianOf, num, round, rowsOf, shopFilter } from './ops-shared';

const OPEN_STATUSES = REPAIR_STATUSES.filter((s) => !isTerminal(s));

/** The status's time limit in hours (the SQL twin of STATUS_TIME_LIMIT_HOURS), null without one. */
const LIMIT_HOURS = sql.raw(
  `case q.status ${Object.entries(STATUS_TIME_LIMIT_HOURS)
    .map(([status, hours]) => `when '${status.replace(/'/g, "''")}' then ${Number(hours)}`)
    .join(' ')} end`,
);

export async function queue(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('queue', scope);
  const now = at(scope.now);
  const open = sql`
    select ro.status,
      (date_part('epoch', ${now} - coalesce(ro.received_at, ro.created_at)) / 86400.0) as age_days,
      (date_part('epoch', ${now} - ro.status_entered_at) / 3600.0) as status_hours
    from repair_orders ro
    where ro.status not in ('collected', 'cancelled')
      and ${shopFilter(sql`ro.shop_slug`, scope)}`;
  const overdue = sql`(${LIMIT_HOURS} is not null and q.status_hours > ${LIMIT_HOURS})`;
  const [byStatus, [all]] = await Promise.all([
    rowsOf<Record<string, unknown>>(
      db,
      sql`select q.status, count(*)::int as orders, ${medianOf(sql`q.age_days`)} as median_age,
          (count(*) filter (where ${overdue}))::int as overdue
        from (${open}) q group by q.status`,
    ),
    rowsOf<Record<string, unknown>>(
      db,
      sql`select count(*)::int as orders, max(q.age_days)::float8 as oldest,
          (count(*) filter (where ${overdue}))::int as overdue,
          (count(*) filter (where q.age_days < 1))::int as b0,
          (count(*) filter (where q.age_days >= 1 and q.age_days < 3))::int as b1,
          (count(*) filter (where q.age_days >= 3 and q.age_days < 7))::int as b3,
          (count(*) filter (where q.age_days >= 7))::int as b7
        from (${open}) q`,
    ),
  ]);
  result.cards = [
    card('length', 'count', num(all?.orders) ?? 0),
    card('oldestDays', 'days', round(num(all?.oldest))),
    card('overdue', 'count', num(all?.overdue) ?? 0),
    card('ageUnder1Day', 'count', num(all?.b0) ?? 0),
    card('age1to3Days', 'count', num(all?.b1) ?? 0),
    card('age3to7Days', 'count', num(all?.b3) ?? 0),
    card('ageOver7Days', 'count', num(all?.b7) ?? 0),
  ];
  const found = new Map(byStatus.map((r) => [String(r.status), r]));
  result.table = {
    columns: [
      { key: 'status', unit: 'text' },
      { key: 'orders', unit: 'count' },
      { key: 'medianAgeDays', unit: 'days' },
      { key: 'overdue', unit: 'count' },
    ],
    rows: OPEN_STATUSES.map((status) => {
      const r = found.get(status);
      return {
        status,
        orders: num(r?.orders) ?? 0,
        medianAgeDays: round(num(r?.median_age)),
        overdue: num(r?.overdue) ?? 0,
      };
    }),
  };
  result.chart = { kind: 'bar', x: 'status', series: ['orders', 'overdue'] };
  return result;
}
