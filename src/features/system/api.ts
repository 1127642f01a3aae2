import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { jsonResponse } from '@/server/http/openapi';
import { getDatabase } from '@/server/db/runtime';
import { checkReadiness } from '@/server/db/client';

const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: z.boolean(), migrations: z.boolean() }),
  database: z.enum(['pglite', 'postgres']).optional(),
});

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness: the process answers',
  responses: { 200: jsonResponse(z.object({ status: z.literal('ok'), uptime: z.number() }), 'Alive') },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['Operations'],
  summary: 'Readiness: the database answers and all migrations are applied',
  responses: { 200: jsonResponse(ReadySchema, 'Ready'), 503: jsonResponse(ReadySchema, 'Not ready') },
});

export const systemApi = createRouter()
  .openapi(healthRoute, (c) => c.json({ status: 'ok' as const, uptime: Math.round(process.uptime()) }, 200))
  .openapi(readyRoute, async (c) => {
    c.header('cache-control', 'no-store');
    try {
      const handle = await getDatabase();
      const checks = await checkReadiness(handle.db);
      const ok = checks.database && checks.migrations;
      return c.json(
        { status: ok ? ('ready' as const) : ('not_ready' as const), checks, database: handle.kind },
        ok ? 200 : 503,
      );
    } catch {
      return c.json({ status: 'not_ready' as const, checks: { database: false, migrations: false } }, 503);
    }
  });
