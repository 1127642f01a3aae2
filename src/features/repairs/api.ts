import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { errorResponses } from '@/server/http/errors';
import { jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import { TrackingSchema } from './schemas';
import { getTracking } from './server/get-tracking';

const trackRoute = createRoute({
  method: 'get',
  path: '/track/{reference}',
  tags: ['Tracking'],
  summary: 'Public tracking of a repair: needs the reference and its secret token',
  request: {
    params: z.object({ reference: z.string().min(1).max(20) }),
    query: z.object({ token: z.string().max(200).optional() }),
  },
  responses: { 200: jsonResponse(TrackingSchema, 'Status, timeline and quote'), 404: errorResponses[404] },
});

export const repairsApi = createRouter().openapi(trackRoute, async (c) => {
  const tracking = await getTracking(
    await getDb(),
    c.req.valid('param').reference,
    c.req.valid('query').token,
  );
  if (!tracking) {
    // same answer for an unknown reference and a wrong token
    throw new DomainError('NOT_FOUND', 'No repair matches that reference and link.');
  }
  c.header('cache-control', 'no-store');
  return c.json(tracking, 200);
});
