/**
 * The metrics an export writes, computed one after another (never all held at once), and the
 * lines that head every export: what it covers and when it was made.
 */
import type { Db } from '@/server/db/client';
import type { MetricId, MetricResult } from '../../metrics';
import { METRICS } from '../registry';
import type { AnalyticsScope } from '../scope';
import { tAnalytics } from './labels';

export async function* metricResults(
  db: Db,
  scope: AnalyticsScope,
  metrics: readonly MetricId[],
): AsyncGenerator<MetricResult> {
  for (const id of metrics) yield await METRICS[id](db, scope);
}

/** "2026-01-01 to 2026-01-31" */
export const rangeText = (from: string, to: string) => tAnalytics('exports.rangeText', { from, to });

/** The export's cover facts as label/value pairs (first lines of the CSV, the PDF's title page). */
export function coverLines(scope: AnalyticsScope, generatedAt: Date): Array<[string, string]> {
  return [
    [
      tAnalytics('exports.shops'),
      scope.shopSlugs ? scope.shopSlugs.join(', ') : tAnalytics('exports.allShops'),
    ],
    [tAnalytics('exports.range'), rangeText(scope.rangeFrom, scope.rangeTo)],
    [
      tAnalytics('exports.comparedWith'),
      scope.compareRangeFrom && scope.compareRangeTo
        ? rangeText(scope.compareRangeFrom, scope.compareRangeTo)
        : tAnalytics('exports.noComparison'),
    ],
    [tAnalytics('exports.currency'), scope.currency],
    [tAnalytics('exports.timeZone'), scope.timeZone],
    [tAnalytics('exports.generatedAt'), generatedAt.toISOString()],
  ];
}

/** The file's name: revivatech-analytics-<shop|all>-<from>-to-<to>.<ext> */
export function exportFilename(scope: AnalyticsScope, ext: string, kind = 'analytics'): string {
  const shop = scope.shopSlugs ? scope.shopSlugs.join('+') : 'all';
  return `revivatech-${kind}-${shop}-${scope.rangeFrom}-to-${scope.rangeTo}.${ext}`;
}
