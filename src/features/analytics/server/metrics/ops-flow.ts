/**
 * The workshop's flow: turnaround (received to ready, received to collected) per repair type,
 * and the time orders spend in each workflow status. Definitions: docs/analytics-operations.md.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import { REPAIR_STATUSES } from '@/features/repairs';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import {
  at,
  compareWindow,
  firstReady,
  hoursBetween,
  medianOf,
  num,
  p80Of,
  round,
  rowsOf,
  shopFilter,
} from './ops-shared';

/**
 * Orders collected in [from, to) with a receipt time, each with the time it FIRST moved to
 * "ready for collection" before `to` (null when the timeline has no such move).
 */
function collectedOrders(scope: AnalyticsScope, from: Date, to: Date): SQL {
  return sql`
    select ro.id, ro.received_at, ro.collected_at, ${firstReady(to)} as ready_at
    from repair_orders ro
    where ro.collected_at >= ${at(from)} and ro.collected_at < ${at(to)}
      and ro.received_at is not null
      and ${shopFilter(sql`ro.shop_slug`, scope)}`;
}

const READY_H = hoursBetween(sql`o.received_at`, sql`o.ready_at`);
const COLLECTED_H = hoursBetween(sql`o.received_at`, sql`o.collected_at`);

interface TurnaroundFigures {
  orders: number;
  median: number | null;
  p80: number | null;
  medianCollected: number | null;
}

async function turnaroundFigures(
  db: Db,
  scope: AnalyticsScope,
  from: Date,
  to: Date,
): Promise<TurnaroundFigures> {
  const [row] = await rowsOf<Record<string, unknown>>(
    db,
    sql`with o as (${collectedOrders(scope, from, to)})
      select count(*)::int as orders, ${medianOf(READY_H)} as median, ${p80Of(READY_H)} as p80,
        ${medianOf(COLLECTED_H)} as median_collected
      from o`,
  );
  return figuresOf(row);
}

function figuresOf(row: Record<string, unknown> | undefined): TurnaroundFigures {
  return {
    orders: num(row?.orders) ?? 0,
    median: round(num(row?.median)),
    p80: round(num(row?.p80)),
    medianCollected: round(num(row?.median_collected)),
  };
}

export async function turnaround(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('turnaround', scope);
  const cmp = compareWindow(scope);
  // the range's totals (part 0) and its rows per repair type (part 1) from one statement, so the
  // collected orders and their first ready times are worked out once, not twice
  const [all, before] = await Promise.all([
    rowsOf<Record<string, unknown>>(
      db,
      sql`with o as (${collectedOrders(scope, scope.from, scope.to)}),
        l as (select distinct order_id, repair_slug from repair_order_lines
              where kind = 'repair' and repair_slug is not null
                and order_id in (select id from o))
        select 0 as part, null as slug, null as name, count(*)::int as orders,
          ${medianOf(READY_H)} as median, ${p80Of(READY_H)} as p80,
          ${medianOf(COLLECTED_H)} as median_collected, null::float8 as p80_collected
        from o
        union all
        select 1, l.repair_slug, coalesce(rt.name, l.repair_slug), count(*)::int,
          ${medianOf(READY_H)}, ${p80Of(READY_H)},
          ${medianOf(COLLECTED_H)}, ${p80Of(COLLECTED_H)}
        from o join l on l.order_id = o.id
        left join repair_types rt on rt.slug = l.repair_slug
        group by l.repair_slug, rt.name
        order by 1, 4 desc, 3`,
    ),
    cmp ? turnaroundFigures(db, scope, cmp.from, cmp.to) : null,
  ]);
  const now = figuresOf(all.find((r) => num(r.part) === 0));
  const rows = all.filter((r) => num(r.part) === 1);
  result.cards = [
    card('orders', 'count', now.orders, before?.orders ?? null),
    card('medianHours', 'hours', now.median, before?.median ?? null),
    card('p80Hours', 'hours', now.p80, before?.p80 ?? null),
    card('medianCollectedHours', 'hours', now.medianCollected, before?.medianCollected ?? null),
  ];
  result.table = {
    columns: [
      { key: 'repairType', unit: 'text' },
      { key: 'orders', unit: 'count' },
      { key: 'medianReadyHours', unit: 'hours' },
      { key: 'p80ReadyHours', unit: 'hours' },
      { key: 'medianCollectedHours', unit: 'hours' },
      { key: 'p80CollectedHours', unit: 'hours' },
    ],
    rows: rows.map((r) => ({
      repairType: String(r.name),
      orders: num(r.orders) ?? 0,
      medianReadyHours: round(num(r.median)),
      p80ReadyHours: round(num(r.p80)),
      medianCollectedHours: round(num(r.median_collected)),
      p80CollectedHours: round(num(r.p80_collected)),
    })),
  };
  result.chart = { kind: 'bar', x: 'repairType', series: ['medianReadyHours', 'p80ReadyHours'] };
  if (now.orders === 0) result.notes.push('operations.noCollectedOrders');
  return result;
}

/**
 * Each stay in a status that ended in [from, to): the rollup `repair_order_stays`, one row per
 * `status_changed` event (it ends the stay in the status the previous one entered; the first one
 * ends the stay in `booked`, begun when the order was made), kept by a trigger on the timeline
 * (migration 0020), so the percentiles stay exact.
 */
function stays(scope: AnalyticsScope, from: Date, to: Date): SQL {
  return sql`
    select s.status, s.hours from repair_order_stays s
    where s.left_at >= ${at(from)} and s.left_at < ${at(to)}
      and ${shopFilter(sql`s.shop_slug`, scope)}`;
}

async function stayCount(db: Db, scope: AnalyticsScope, from: Date, to: Date): Promise<number> {
  const [row] = await rowsOf<{ n: unknown }>(
    db,
    sql`select count(*)::int as n from (${stays(scope, from, to)}) s`,
  );
  return num(row?.n) ?? 0;
}

export async function stageTimes(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('stageTimes', scope);
  const cmp = compareWindow(scope);
  const [rows, before] = await Promise.all([
    rowsOf<Record<string, unknown>>(
      db,
      sql`select s.status, count(*)::int as stays, ${medianOf(sql`s.hours`)} as median, ${p80Of(sql`s.hours`)} as p80
        from (${stays(scope, scope.from, scope.to)}) s group by s.status`,
    ),
    cmp ? stayCount(db, scope, cmp.from, cmp.to) : null,
  ]);
  const order = (s: unknown) => {
    const i = (REPAIR_STATUSES as readonly string[]).indexOf(String(s));
    return i < 0 ? REPAIR_STATUSES.length : i;
  };
  rows.sort((a, b) => order(a.status) - order(b.status));
  const total = rows.reduce((n, r) => n + (num(r.stays) ?? 0), 0);
  result.cards = [card('stays', 'count', total, before)];
  result.table = {
    columns: [
      { key: 'status', unit: 'text' },
      { key: 'stays', unit: 'count' },
      { key: 'medianHours', unit: 'hours' },
      { key: 'p80Hours', unit: 'hours' },
    ],
    rows: rows.map((r) => ({
      status: String(r.status),
      stays: num(r.stays) ?? 0,
      medianHours: round(num(r.median)),
      p80Hours: round(num(r.p80)),
    })),
  };
  result.chart = { kind: 'bar', x: 'status', series: ['medianHours', 'p80Hours'] };
  return result;
}
