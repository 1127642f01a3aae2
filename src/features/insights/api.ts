/**
 * Predictive insights for staff: one device model's figures from the shop's own history.
 * Technicians and above; staff of a shop see their shop only, admins any (`?shop=`) or all.
 */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import { staffErrors, staffOnly } from '@/features/repairs/server';
import { InsightsQuerySchema, ModelInsightsSchema, ModelSlugParamSchema } from './schemas';
import { getModelInsights, resolveInsightsShop } from './server';

const modelRoute = createRoute({
  method: 'get',
  path: '/staff/insights/models/{modelSlug}',
  tags: ['Staff'],
  summary:
    "A device model's most common repairs by age, typical turnaround and repeat-repair rate, from the shop's own history",
  middleware: [staffOnly] as const,
  request: { params: ModelSlugParamSchema, query: InsightsQuerySchema },
  responses: {
    200: jsonResponse(ModelInsightsSchema, 'The figures, each with its sample size'),
    ...staffErrors,
  },
});

export const insightsApi = createRouter().openapi(modelRoute, async (c) => {
  const db = await getDb();
  const shopId = await resolveInsightsShop(db, c.get('user')!, c.req.valid('query').shop);
  const insights = await getModelInsights(db, { modelSlug: c.req.valid('param').modelSlug, shopId });
  c.header('cache-control', 'no-store');
  return c.json(insights, 200);
});
