/** One metric over a range and shop: `GET /api/analytics/metrics/{metric}` (managers: their shop). */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { jsonResponse } from '@/server/http/openapi';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { getDb } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { METRIC_IDS, MetricResultSchema, type MetricId } from '../metrics';
import { AnalyticsQuerySchema, MetricParamSchema } from '../schemas';
import { resolveAnalyticsScope } from '../server/access';
import { METRICS } from '../server/registry';
import { analyticsReader } from './guard';

const metricRoute = createRoute({
  method: 'get',
  path: '/analytics/metrics/{metric}',
  tags: ['Analytics'],
  summary: "One KPI metric (cards, chart, table) over a date range and shop, from the shop's own tables",
  middleware: [analyticsReader] as const,
  request: { params: MetricParamSchema, query: AnalyticsQuerySchema },
  responses: {
    200: jsonResponse(MetricResultSchema, 'The metric over the scope'),
    ...accessErrorResponses,
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

function isMetricId(id: string): id is MetricId {
  return (METRIC_IDS as readonly string[]).includes(id);
}

export const analyticsMetricsApi = createRouter().openapi(metricRoute, async (c) => {
  const { metric } = c.req.valid('param');
  if (!isMetricId(metric)) throw new DomainError('NOT_FOUND', 'There is no such metric.');
  const db = await getDb();
  const scope = await resolveAnalyticsScope(db, c.get('user'), c.req.valid('query'));
  const result = await METRICS[metric](db, scope);
  c.header('cache-control', 'no-store');
  return c.json(result, 200);
});
