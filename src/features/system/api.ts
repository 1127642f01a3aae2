import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { jsonResponse } from '@/server/http/openapi';
import { checkReady, READY_RETRY_AFTER_SECONDS } from '@/server/readiness';
import { getDatabase } from '@/server/db/runtime';

const ChecksSchema = z.object({
  database: z.boolean(),
  migrations: z.boolean(),
  redis: z.boolean().optional().openapi({ description: 'present only when REDIS_URL is set' }),
  queue: z.boolean(),
});

const ReadySchema = z.object({
  status: z.literal('ready'),
  checks: ChecksSchema,
  database: z.enum(['pglite', 'postgres']).optional(),
});

const NotReadySchema = z.object({
  status: z.literal('not_ready'),
  reason: z.string().openapi({ example: 'database unreachable' }),
  checks: ChecksSchema,
});

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness: the process answers (it checks nothing else)',
  responses: { 200: jsonResponse(z.object({ status: z.literal('ok'), uptime: z.number() }), 'Alive') },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['Operations'],
  summary: 'Readiness: database, migrations, Redis (when configured) and the job queue answer',
  description:
    'Each check has a 2 s timeout. 503 (with Retry-After) names the first failing part in `reason`; ' +
    'a process that is shutting down answers 503 too.',
  responses: {
    200: jsonResponse(ReadySchema, 'Ready'),
    503: jsonResponse(NotReadySchema, 'Not ready'),
  },
});

export const systemApi = createRouter()
  .openapi(healthRoute, (c) => c.json({ status: 'ok' as const, uptime: Math.round(process.uptime()) }, 200))
  .openapi(readyRoute, async (c) => {
    c.header('cache-control', 'no-store');
    const readiness = await checkReady();
    if (readiness.status === 'not_ready') {
      c.header('Retry-After', String(READY_RETRY_AFTER_SECONDS));
      return c.json(readiness, 503);
    }
    const { kind } = await getDatabase();
    return c.json({ ...readiness, database: kind }, 200);
  });
