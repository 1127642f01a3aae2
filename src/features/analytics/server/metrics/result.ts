/** Shared pieces of every metric's answer (see ../../metrics.ts for the shape). */
import type { MetricCard, MetricId, MetricResult, Unit } from '../../metrics';
import type { AnalyticsScope } from '../scope';

/** The envelope of a metric's answer for a scope; the metric fills cards, chart and table. */
export function resultFor(metric: MetricId, scope: AnalyticsScope): MetricResult {
  return {
    metric,
    currency: scope.currency,
    range: { from: scope.rangeFrom, to: scope.rangeTo },
    compareRange:
      scope.compareRangeFrom && scope.compareRangeTo
        ? { from: scope.compareRangeFrom, to: scope.compareRangeTo }
        : null,
    shops: scope.shopSlugs,
    cards: [],
    chart: null,
    table: { columns: [], rows: [] },
    notes: [],
  };
}

/** (value - previous) / previous, or null when there is nothing to compare with. */
export function changeOf(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / previous;
}

export function card(
  key: string,
  unit: Unit,
  value: number | null,
  previous: number | null = null,
): MetricCard {
  return { key, unit, value, previous, change: changeOf(value, previous) };
}
