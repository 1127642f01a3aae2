/**
 * POST /api/analytics/events: the browser tracker's batches (page views, booking funnel steps,
 * install prompt, push clicks, assistant handovers). Public. In order: a request with DNT: 1 or
 * Sec-GPC: 1, or any request while ANALYTICS_MODE=off, is answered 204 and not read; a body over
 * 16 KB is 413; the per-address limit (RATE_LIMIT_ANALYTICS_EVENTS_IP) is 429; a batch with one
 * bad event is 422 with field messages and nothing stored; otherwise every event is stored in
 * one insert and the answer is 202 `{ accepted }`.
 */
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { createRouter, problemResponse } from '@/server/http/app';
import { errorResponses, problem, problemContentOf } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { sizeText } from '@/server/http/json-body';
import { perIp, rateLimit, rateLimitedResponse } from '@/server/http/rate-limit';
import { env } from '@/env';
import { getDb } from '@/server/db/runtime';
import { AcceptedEventsSchema, AnalyticsEventBatchSchema } from '../events-schema';
import { EVENTS_PATH, MAX_BATCH_BYTES } from '../tracking';
import { recordEvents } from '../server/record-events';

/** The visitor asked not to be tracked (Do Not Track, Global Privacy Control), or tracking is off. */
const respectPrivacy: MiddlewareHandler = async (c, next) => {
  if (env.ANALYTICS_MODE === 'off' || c.req.header('dnt') === '1' || c.req.header('sec-gpc') === '1') {
    return c.body(null, 204);
  }
  await next();
};

/** The batch cap (the frame already refused anything over 64 KB, and read the body). */
const batchCap: MiddlewareHandler = async (c, next) => {
  const text = await c.req.text();
  if (Buffer.byteLength(text, 'utf8') > MAX_BATCH_BYTES) {
    return problemResponse(
      c,
      413,
      problem(
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than ${sizeText(MAX_BATCH_BYTES)}.`,
        undefined,
        c.get('requestId'),
      ),
    );
  }
  await next();
};

const eventLimits = rateLimit(
  perIp(
    'analytics-events',
    env.RATE_LIMIT_ANALYTICS_EVENTS_IP,
    'Too many analytics events from this address.',
  ),
);

const postEventsRoute = createRoute({
  method: 'post',
  path: EVENTS_PATH.replace(/^\/api/, ''),
  tags: ['Analytics'],
  summary: 'Record a batch of tracker events (1-50, at most 16 KB; all or nothing)',
  middleware: [respectPrivacy, batchCap, eventLimits] as const,
  request: { body: jsonBody(AnalyticsEventBatchSchema) },
  responses: {
    202: jsonResponse(AcceptedEventsSchema, 'Every event stored'),
    204: { description: 'Nothing stored: Do Not Track, Global Privacy Control or ANALYTICS_MODE=off' },
    413: { description: 'The body is larger than 16 KB', content: problemContentOf() },
    422: errorResponses[422],
    ...rateLimitedResponse,
  },
});

export const analyticsEventsApi = createRouter().openapi(postEventsRoute, async (c) => {
  const { events } = c.req.valid('json');
  const accepted = await recordEvents(await getDb(), events, { userId: c.get('user')?.id ?? null });
  return c.json({ accepted }, 202);
});
