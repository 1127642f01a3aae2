/** The caller's own analytics dashboard: `GET` (a default layout until saved) and `PUT` (versioned). */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { getDb } from '@/server/db/runtime';
import { DashboardSaveSchema, DashboardSchema } from '../schemas';
import { getDashboard, saveDashboard } from '../server/dashboard';
import { analyticsReader } from './guard';

const getRoute = createRoute({
  method: 'get',
  path: '/analytics/dashboard',
  tags: ['Analytics'],
  summary: "The caller's dashboard widgets and version (a default layout, version 0, until they save one)",
  middleware: [analyticsReader] as const,
  responses: { 200: jsonResponse(DashboardSchema, 'The widgets in order'), ...accessErrorResponses },
});

const putRoute = createRoute({
  method: 'put',
  path: '/analytics/dashboard',
  tags: ['Analytics'],
  summary: 'Saves the widgets if `version` is still the saved one (else 409 with the current dashboard)',
  middleware: [analyticsReader] as const,
  request: { body: jsonBody(DashboardSaveSchema) },
  responses: {
    200: jsonResponse(DashboardSchema, 'Saved, with the new version'),
    ...accessErrorResponses,
    409: errorResponses[409],
    422: errorResponses[422],
  },
});

export const analyticsDashboardApi = createRouter()
  .openapi(getRoute, async (c) => {
    const dashboard = await getDashboard(await getDb(), c.get('user')!.id);
    c.header('cache-control', 'no-store');
    return c.json(dashboard, 200);
  })
  .openapi(putRoute, async (c) => {
    const dashboard = await saveDashboard(await getDb(), c.get('user')!.id, c.req.valid('json'));
    c.header('cache-control', 'no-store');
    return c.json(dashboard, 200);
  });
