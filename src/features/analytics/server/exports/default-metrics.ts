/**
 * What an export writes when the query names no metrics: the caller's saved dashboard's metrics
 * in its order, or, without a saved dashboard, the default layout's.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import { analyticsDashboards } from '@/server/db/schema';
import { METRIC_IDS, type MetricId } from '../../metrics';

/** The metrics of a dashboard nobody has arranged yet (an-dashboard's default layout at merge). */
export const DEFAULT_EXPORT_METRICS: MetricId[] = ['revenueSummary', 'revenueSeries'];

export async function defaultExportMetrics(db: Db, userId: string): Promise<MetricId[]> {
  const [row] = await db
    .select({ widgets: analyticsDashboards.widgets })
    .from(analyticsDashboards)
    .where(eq(analyticsDashboards.userId, userId));
  const ids = [
    ...new Set(
      (row?.widgets ?? [])
        .map((w) => w.metric)
        .filter((m): m is MetricId => (METRIC_IDS as readonly string[]).includes(m)),
    ),
  ];
  return ids.length ? ids : DEFAULT_EXPORT_METRICS;
}
