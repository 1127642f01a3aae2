/**
 * The booking funnel: distinct visits reaching each step (a visit counts in the range of its
 * first `funnel_step` event of that step), with conversion from the step before and from `start`. Definitions:
 * docs/analytics-operations.md.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { FUNNEL_STEPS } from '../../tracking';
import { card, resultFor } from './result';
import { at, compareWindow, num, rate, rowsOf, shopFilter } from './ops-shared';

/** The steps in their order: the tracker's own list (`funnel_step` { step }). */
const FUNNEL_STEP_ORDER = FUNNEL_STEPS;

interface FunnelCounts {
  visits: Map<string, number>;
  /** visits' steps in the range left out because their first event carries no shop (shop-limited scopes only) */
  withoutShop: number;
}

/**
 * Visits per step whose FIRST event of that step is in the range: the rollup
 * `analytics_funnel_visits` (one row per visit and step, kept by a trigger on analytics_events,
 * migration 0020), counted on the shop of that first event.
 */
async function funnelCounts(db: Db, scope: AnalyticsScope, from: Date, to: Date): Promise<FunnelCounts> {
  const inRange = sql`f.first_at >= ${at(from)} and f.first_at < ${at(to)}`;
  const [rows, left] = await Promise.all([
    rowsOf<{ step: unknown; visits: unknown }>(
      db,
      sql`select f.step, count(*)::int as visits from analytics_funnel_visits f
        where ${inRange} and ${shopFilter(sql`f.shop_slug`, scope)}
        group by 1`,
    ),
    scope.shopSlugs === null
      ? Promise.resolve([{ n: 0 }])
      : rowsOf<{ n: unknown }>(
          db,
          sql`select count(*)::int as n from analytics_funnel_visits f where ${inRange} and f.shop_slug is null`,
        ),
  ]);
  return {
    visits: new Map(rows.map((r) => [String(r.step), num(r.visits) ?? 0])),
    withoutShop: num(left[0]?.n) ?? 0,
  };
}

export async function funnel(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('funnel', scope);
  const cmp = compareWindow(scope);
  const [now, before] = await Promise.all([
    funnelCounts(db, scope, scope.from, scope.to),
    cmp ? funnelCounts(db, scope, cmp.from, cmp.to) : null,
  ]);
  const count = (c: FunnelCounts, step: string) => c.visits.get(step) ?? 0;
  const starts = count(now, 'start');
  const booked = count(now, 'booked');
  result.cards = [
    card('starts', 'count', starts, before ? count(before, 'start') : null),
    card('booked', 'count', booked, before ? count(before, 'booked') : null),
    card(
      'conversion',
      'percent',
      rate(booked, starts),
      before ? rate(count(before, 'booked'), count(before, 'start')) : null,
    ),
  ];
  result.table = {
    columns: [
      { key: 'step', unit: 'text' },
      { key: 'visits', unit: 'count' },
      { key: 'fromPrevious', unit: 'percent' },
      { key: 'fromStart', unit: 'percent' },
    ],
    rows: FUNNEL_STEP_ORDER.map((step, i) => {
      const visits = count(now, step);
      const previous = i === 0 ? null : count(now, FUNNEL_STEP_ORDER[i - 1]!);
      return {
        step,
        visits,
        fromPrevious: previous === null ? null : rate(visits, previous),
        fromStart: rate(visits, starts),
      };
    }),
  };
  result.chart = { kind: 'funnel', x: 'step', series: ['visits'] };
  if (now.withoutShop > 0) result.notes.push('operations.funnelEventsWithoutShop');
  if (starts === 0) result.notes.push('operations.noFunnelEvents');
  return result;
}
