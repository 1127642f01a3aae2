/**
 * The recommendations metric: a few aggregate queries over the scope (one per rule), the rules
 * of recommendation-rules.ts over their figures, and a table listing what fired.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import { STATUS_TIME_LIMIT_HOURS } from '@/features/repairs';
import type { OpeningHoursJson } from '@/server/db/schema';
import type { MetricResult, Recommendation } from '../../metrics';
import { forecastWeekly } from '../../forecasting';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import { addDays, readWeeklyBookingsByShop, shopFilter } from './forecast-series';
import {
  capacityShort,
  funnelDrop,
  FUNNEL_STEPS,
  overdueOrders,
  ratingLow,
  refundsHigh,
  repairTypeUp,
  type CapacityFigures,
} from './recommendation-rules';

type Rows<T> = { rows: T[] };
async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The comparison range, or the one just before when the scope compares with nothing. */
function previousRange(scope: AnalyticsScope): { from: Date; to: Date } {
  if (scope.compareFrom && scope.compareTo) return { from: scope.compareFrom, to: scope.compareTo };
  const length = scope.to.getTime() - scope.from.getTime();
  return { from: new Date(scope.from.getTime() - length), to: scope.from };
}

async function readRepairCounts(db: Db, scope: AnalyticsScope) {
  const prev = previousRange(scope);
  const list = await rows<{ repair: string; name: string; current: number; previous: number }>(
    db,
    sql`select l.repair_slug as repair, coalesce(max(rt.name), l.repair_slug) as name,
          count(distinct o.id) filter (where o.created_at >= ${iso(scope.from)} and o.created_at < ${iso(scope.to)})::int as current,
          count(distinct o.id) filter (where o.created_at >= ${iso(prev.from)} and o.created_at < ${iso(prev.to)})::int as previous
        from repair_order_lines l
        join repair_orders o on o.id = l.order_id
        left join repair_types rt on rt.slug = l.repair_slug
        where l.kind = 'repair' and l.repair_slug is not null and o.status <> 'cancelled'
          and ((o.created_at >= ${iso(scope.from)} and o.created_at < ${iso(scope.to)})
            or (o.created_at >= ${iso(prev.from)} and o.created_at < ${iso(prev.to)}))
          and ${shopFilter(sql`o.shop_slug`, scope.shopSlugs)}
        group by l.repair_slug`,
  );
  return list.map((r) => ({ ...r, current: Number(r.current), previous: Number(r.previous) }));
}

/** The queue now: open orders, and those past their status's time limit (as isOverdue counts). */
async function readQueue(db: Db, scope: AnalyticsScope) {
  const limits = Object.entries(STATUS_TIME_LIMIT_HOURS);
  const limit = sql`case o.status ${sql.join(
    limits.map(([status, hours]) => sql`when ${status} then ${hours}::int`),
    sql` `,
  )} end`;
  const overdue = sql`(${limit} is not null and o.status_entered_at < ${iso(scope.now)} - ${limit} * interval '1 hour')`;
  const [row] = await rows<{ open: number; overdue: number; oldest: number | null }>(
    db,
    sql`select count(*)::int as open,
          count(*) filter (where ${overdue})::int as overdue,
          max(date_part('epoch', ${iso(scope.now)} - o.status_entered_at) / 3600) filter (where ${overdue}) as oldest
        from repair_orders o
        where o.status not in ('collected', 'cancelled') and ${shopFilter(sql`o.shop_slug`, scope.shopSlugs)}`,
  );
  return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0), oldestHours: num(row?.oldest) };
}

async function readRatings(db: Db, scope: AnalyticsScope) {
  const prev = previousRange(scope);
  const [row] = await rows<{ count: number; average: number | null; previous: number | null }>(
    db,
    sql`select count(*) filter (where r.created_at >= ${iso(scope.from)} and r.created_at < ${iso(scope.to)})::int as count,
          avg(r.score) filter (where r.created_at >= ${iso(scope.from)} and r.created_at < ${iso(scope.to)})::float8 as average,
          avg(r.score) filter (where r.created_at >= ${iso(prev.from)} and r.created_at < ${iso(prev.to)})::float8 as previous
        from repair_ratings r
        where ${shopFilter(sql`r.shop_slug`, scope.shopSlugs)}`,
  );
  return { count: Number(row?.count ?? 0), average: num(row?.average), previousAverage: num(row?.previous) };
}

async function readRefunds(db: Db, scope: AnalyticsScope) {
  const [row] = await rows<{ money_in: number; refunds: number; refund_count: number }>(
    db,
    sql`select
          (select coalesce(sum(p.amount_minor), 0) from payments p join repair_orders o on o.id = p.order_id
            where p.status in ('succeeded', 'refunded', 'partially_refunded')
              and p.succeeded_at >= ${iso(scope.from)} and p.succeeded_at < ${iso(scope.to)}
              and ${shopFilter(sql`o.shop_slug`, scope.shopSlugs)})::float8 as money_in,
          (select coalesce(sum(r.amount_minor), 0) from payment_refunds r join payments p on p.id = r.payment_id
            join repair_orders o on o.id = p.order_id
            where r.status = 'succeeded' and r.created_at >= ${iso(scope.from)} and r.created_at < ${iso(scope.to)}
              and ${shopFilter(sql`o.shop_slug`, scope.shopSlugs)})::float8 as refunds,
          (select count(*) from payment_refunds r join payments p on p.id = r.payment_id
            join repair_orders o on o.id = p.order_id
            where r.status = 'succeeded' and r.created_at >= ${iso(scope.from)} and r.created_at < ${iso(scope.to)}
              and ${shopFilter(sql`o.shop_slug`, scope.shopSlugs)})::int as refund_count`,
  );
  return {
    moneyIn: Number(row?.money_in ?? 0),
    refunds: Number(row?.refunds ?? 0),
    refundCount: Number(row?.refund_count ?? 0),
  };
}

/** Visits reaching each funnel step in the range: the funnel's rollup, as in ops-funnel.ts. */
async function readFunnel(db: Db, scope: AnalyticsScope): Promise<Record<string, number>> {
  const list = await rows<{ step: string; visits: number }>(
    db,
    sql`select f.step, count(*)::int as visits from analytics_funnel_visits f
        where f.first_at >= ${iso(scope.from)} and f.first_at < ${iso(scope.to)}
          and f.step in (${sql.join(
            FUNNEL_STEPS.map((s) => sql`${s}`),
            sql`, `,
          )})
          and ${shopFilter(sql`f.shop_slug`, scope.shopSlugs)}
        group by 1`,
  );
  return Object.fromEntries(list.map((r) => [r.step, Number(r.visits)]));
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Drop-off places a week: whole slots inside each opening window (as the booking page offers them) x places per slot. */
export function weeklyCapacity(
  hours: OpeningHoursJson,
  slotMinutes: number,
  capacityPerSlot: number,
): number {
  let slots = 0;
  for (const windows of Object.values(hours)) {
    for (const w of windows ?? []) {
      slots += Math.max(0, Math.floor((minutesOf(w.close) - minutesOf(w.open)) / slotMinutes));
    }
  }
  return slots * capacityPerSlot;
}

async function readCapacity(db: Db, scope: AnalyticsScope): Promise<CapacityFigures[]> {
  const shopRows = await rows<{
    slug: string;
    name: string;
    opening_hours: OpeningHoursJson;
    slot_minutes: number;
    capacity_per_slot: number;
  }>(
    db,
    sql`select slug, name, opening_hours, slot_minutes, capacity_per_slot from shops
        where ${shopFilter(sql`slug`, scope.shopSlugs)} order by slug`,
  );
  if (!shopRows.length) return [];
  const series = await readWeeklyBookingsByShop(
    db,
    scope,
    shopRows.map((s) => s.slug),
  );
  return shopRows.flatMap((s) => {
    const weekly = series.get(s.slug)!;
    const forecast = forecastWeekly(weekly.values, { nonNegative: true });
    if (!forecast) return [];
    const peak = forecast.points.reduce((a, b) => (b.value > a.value ? b : a));
    return [
      {
        shop: s.slug,
        shopName: s.name,
        weeklyCapacity: weeklyCapacity(s.opening_hours, s.slot_minutes, s.capacity_per_slot),
        week: addDays(weekly.currentWeek, 7 * (peak.step - 1)),
        forecast: peak.value,
      },
    ];
  });
}

export async function recommendations(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('recommendations', scope);
  const [repairs, queue, ratings, refunds, funnel, capacity] = await Promise.all([
    readRepairCounts(db, scope),
    readQueue(db, scope),
    readRatings(db, scope),
    readRefunds(db, scope),
    readFunnel(db, scope),
    readCapacity(db, scope),
  ]);
  const found: Recommendation[] = [
    ...capacity.map(capacityShort),
    overdueOrders(queue),
    refundsHigh(refunds),
    ratingLow(ratings),
    funnelDrop(funnel),
    ...repairTypeUp(repairs),
  ].filter((r): r is Recommendation => r !== null);
  const order = { critical: 0, warning: 1, info: 2 } as const;
  found.sort((a, b) => order[a.severity] - order[b.severity]);

  result.recommendations = found;
  result.cards = [
    card('total', 'count', found.length),
    card('critical', 'count', found.filter((r) => r.severity === 'critical').length),
    card('warnings', 'count', found.filter((r) => r.severity === 'warning').length),
  ];
  result.table.columns = [
    { key: 'key', unit: 'text' },
    { key: 'severity', unit: 'text' },
    { key: 'figures', unit: 'text' },
  ];
  result.table.rows = found.map((r) => ({
    key: r.key,
    severity: r.severity,
    figures: r.figures
      .map((f) => `${f.key}: ${f.value ?? '-'}${f.previous === null ? '' : ` (previous ${f.previous})`}`)
      .join('; '),
  }));
  if (!found.length) result.notes.push('noRecommendations');
  return result;
}
