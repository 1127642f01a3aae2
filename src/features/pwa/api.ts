/**
 * POST /api/pwa/events: the browser app records the install prompt being shown, accepted or
 * dismissed, and the app being installed (analytics reads them). Public, limited per address.
 */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses } from '@/server/http/errors';
import { jsonBody } from '@/server/http/openapi';
import { perIp, rateLimit, rateLimitedResponse } from '@/server/http/rate-limit';
import { env } from '@/env';
import { getDb } from '@/server/db/runtime';
import { AppEventSchema } from './schemas';
import { recordAppEvent } from './server/record-app-event';

const eventLimits = rateLimit(
  perIp('app-events', env.RATE_LIMIT_APP_EVENTS_IP, 'Too many app events from this address.'),
);

const postEventRoute = createRoute({
  method: 'post',
  path: '/pwa/events',
  tags: ['App'],
  summary: 'Record an install-prompt or app-installed event',
  middleware: [eventLimits] as const,
  request: { body: jsonBody(AppEventSchema) },
  responses: {
    204: { description: 'Recorded' },
    422: errorResponses[422],
    ...rateLimitedResponse,
  },
});

export const pwaApi = createRouter().openapi(postEventRoute, async (c) => {
  await recordAppEvent(await getDb(), c.req.valid('json'), c.get('user')?.id ?? null);
  return c.body(null, 204);
});
