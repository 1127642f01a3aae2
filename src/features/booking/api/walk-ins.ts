import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse, idempotencyHeader } from '@/server/http/openapi';
import { baseUrlOf } from '@/server/http/base-url';
import { getDb } from '@/server/db/runtime';
import { WalkInBodySchema, WalkInCreatedSchema } from '../schemas';
import { createWalkIn } from '../server/create-walk-in';
import { callerOf, staffErrors, staffOnly } from '@/features/repairs/server';

const IdempotencyHeader = idempotencyHeader(
  'A unique key per walk-in; a retry with the same key returns the same order.',
);

const walkInRoute = createRoute({
  method: 'post',
  path: '/staff/walk-ins',
  tags: ['Staff'],
  summary: 'Take in a device at the counter: a walk-in booking and its order, already received',
  middleware: [staffOnly] as const,
  request: { headers: IdempotencyHeader, body: jsonBody(WalkInBodySchema) },
  responses: {
    201: jsonResponse(WalkInCreatedSchema, 'Created'),
    200: jsonResponse(WalkInCreatedSchema, 'A replay of an earlier request with the same Idempotency-Key'),
    400: errorResponses[400],
    409: errorResponses[409],
    ...staffErrors,
  },
});

export const walkInRoutes = createRouter().openapi(walkInRoute, async (c) => {
  const { created, replayed } = await createWalkIn(await getDb(), c.req.valid('json'), callerOf(c), {
    idempotencyKey: c.req.valid('header')['idempotency-key'],
    baseUrl: baseUrlOf(c),
  });
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(created, replayed ? 200 : 201);
});
