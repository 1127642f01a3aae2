/** revenueSummary and revenueSeries: money in, refunds, net, and billed work with its margin. */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { MetricResult, Unit } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import {
  billedTotal,
  moneyInRows,
  moneyTotal,
  num,
  periodOf,
  periodsBetween,
  refundRows,
  rowsOf,
  type BilledFigures,
  type MoneyFigures,
} from './money-sql';

type Figures = MoneyFigures & BilledFigures;

const SUMMARY: Array<{ key: string; unit: Unit; of: (f: Figures) => number | null }> = [
  { key: 'moneyIn', unit: 'money', of: (f) => f.moneyIn },
  { key: 'refunds', unit: 'money', of: (f) => f.refunds },
  { key: 'net', unit: 'money', of: (f) => f.net },
  { key: 'ordersPaid', unit: 'count', of: (f) => f.ordersPaid },
  { key: 'averageOrderValue', unit: 'money', of: (f) => f.averageOrderValue },
  { key: 'billed', unit: 'money', of: (f) => f.billed },
  { key: 'partsCost', unit: 'money', of: (f) => f.partsCost },
  { key: 'margin', unit: 'money', of: (f) => f.margin },
  { key: 'marginPercent', unit: 'percent', of: (f) => f.marginPercent },
];

async function figures(db: Db, from: Date, to: Date, shops: string[] | null): Promise<Figures> {
  const [money, billed] = await Promise.all([
    moneyTotal(db, from, to, shops),
    billedTotal(db, from, to, shops),
  ]);
  return { ...money, ...billed };
}

export async function revenueSummary(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('revenueSummary', scope);
  const now = await figures(db, scope.from, scope.to, scope.shopSlugs);
  const before =
    scope.compareFrom && scope.compareTo
      ? await figures(db, scope.compareFrom, scope.compareTo, scope.shopSlugs)
      : null;
  result.cards = SUMMARY.map((s) => card(s.key, s.unit, s.of(now), before ? s.of(before) : null));
  // the same figures as rows: a figure's unit differs per row, so the row says it
  result.table = {
    columns: [
      { key: 'figure', unit: 'text' },
      { key: 'unit', unit: 'text' },
      { key: 'value', unit: 'money' },
      { key: 'previous', unit: 'money' },
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

/** Money in and refunds per period of the scope's interval in its time zone. */
async function perPeriod(
  db: Db,
  scope: AnalyticsScope,
  from: Date,
  to: Date,
): Promise<Map<string, { moneyIn: number; refunds: number }>> {
  const rows = await rowsOf<{ period: string; money_in: string; refunds: string }>(
    db,
    sql`SELECT period, sum(money_in) AS money_in, sum(refunds) AS refunds FROM (
        SELECT ${periodOf(sql`m.at`, scope.interval, scope.timeZone)} AS period, m.amount AS money_in, 0 AS refunds
          FROM ${moneyInRows(from, to, scope.shopSlugs)} m
        UNION ALL
        SELECT ${periodOf(sql`r.at`, scope.interval, scope.timeZone)}, 0, r.amount
          FROM ${refundRows(from, to, scope.shopSlugs)} r
      ) x GROUP BY period`,
  );
  return new Map(rows.map((r) => [r.period, { moneyIn: num(r.money_in), refunds: num(r.refunds) }]));
}

export async function revenueSeries(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('revenueSeries', scope);
  const periods = periodsBetween(scope.rangeFrom, scope.rangeTo, scope.interval);
  const current = await perPeriod(db, scope, scope.from, scope.to);
  const hasCompare = Boolean(
    scope.compareFrom && scope.compareTo && scope.compareRangeFrom && scope.compareRangeTo,
  );
  let previousNet: Array<number | null> = periods.map(() => null);
  let prevIn: number | null = null;
  let prevRefunds: number | null = null;
  if (hasCompare) {
    const prevPeriods = periodsBetween(scope.compareRangeFrom!, scope.compareRangeTo!, scope.interval);
    const prev = await perPeriod(db, scope, scope.compareFrom!, scope.compareTo!);
    // aligned by index: the first period of the range against the first of the comparison
    previousNet = periods.map((_, i) => {
      const key = prevPeriods[i];
      if (key === undefined) return null;
      const p = prev.get(key);
      return p ? p.moneyIn - p.refunds : 0;
    });
    prevIn = [...prev.values()].reduce((sum, p) => sum + p.moneyIn, 0);
    prevRefunds = [...prev.values()].reduce((sum, p) => sum + p.refunds, 0);
  }
  let moneyIn = 0;
  let refunds = 0;
  result.table = {
    columns: [
      { key: 'period', unit: 'date' },
      { key: 'moneyIn', unit: 'money' },
      { key: 'refunds', unit: 'money' },
      { key: 'net', unit: 'money' },
      { key: 'previousNet', unit: 'money' },
    ],
    rows: periods.map((period, i) => {
      const c = current.get(period) ?? { moneyIn: 0, refunds: 0 };
      moneyIn += c.moneyIn;
      refunds += c.refunds;
      return {
        period,
        moneyIn: c.moneyIn,
        refunds: c.refunds,
        net: c.moneyIn - c.refunds,
        previousNet: previousNet[i] ?? null,
      };
    }),
  };
  const net = moneyIn - refunds;
  result.cards = [
    card('moneyIn', 'money', moneyIn, prevIn),
    card('refunds', 'money', refunds, prevRefunds),
    card('net', 'money', net, prevIn === null || prevRefunds === null ? null : prevIn - prevRefunds),
  ];
  result.chart = { kind: 'area', x: 'period', series: hasCompare ? ['net', 'previousNet'] : ['net'] };
  return result;
}
