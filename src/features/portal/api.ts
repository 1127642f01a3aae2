/**
 * The customer's side of an order: My repairs, the owner's view of one and messages to the
 * shop, signed in (/account/repairs/...) or through the tracking link (/track/...).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { accessErrorResponses, errorResponses, problemContentOf } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { requireUser } from '@/server/http/guard';
import { perIp, perParam, rateLimit, rateLimitedResponse } from '@/server/http/rate-limit';
import { env } from '@/env';
import { getDb } from '@/server/db/runtime';
import {
  CustomerOrderSchema,
  MyRepairSchema,
  PostMessageSchema,
  ReferenceParamSchema,
  TrackingSchema,
  TrackPostMessageSchema,
} from './schemas';
import { OrderEventSchema } from '@/features/repairs/schemas';
import { getMyRepair } from './server/get-my-repair';
import { getTracking } from './server/get-tracking';
import { listMyRepairs } from './server/list-my-repairs';
import { postCustomerMessage } from './server/post-customer-message';

const authErrors = { 401: accessErrorResponses[401] };
const tooMany = {
  429: { description: 'Too many messages in a minute', content: problemContentOf() },
};

const myRepairsRoute = createRoute({
  method: 'get',
  path: '/account/repairs',
  tags: ['Account'],
  summary: "My repairs: the signed-in customer's bookings and their status",
  middleware: [requireUser] as const,
  responses: { 200: jsonResponse(z.object({ items: z.array(MyRepairSchema) }), 'Repairs'), ...authErrors },
});

const myRepairRoute = createRoute({
  method: 'get',
  path: '/account/repairs/{reference}',
  tags: ['Account'],
  summary: "One of the signed-in customer's repairs: status, next step, quote, customer-visible timeline",
  description: 'Only the account the booking belongs to; anyone else gets 404, as for an unknown reference.',
  middleware: [requireUser] as const,
  request: { params: ReferenceParamSchema },
  responses: {
    200: jsonResponse(CustomerOrderSchema, 'The repair'),
    404: errorResponses[404],
    ...authErrors,
  },
});

const myMessageRoute = createRoute({
  method: 'post',
  path: '/account/repairs/{reference}/messages',
  tags: ['Account'],
  summary: 'Send the shop a message about one of my repairs',
  middleware: [requireUser] as const,
  request: { params: ReferenceParamSchema, body: jsonBody(PostMessageSchema) },
  responses: {
    201: jsonResponse(OrderEventSchema, 'The message as it appears on the timeline'),
    404: errorResponses[404],
    422: errorResponses[422],
    ...authErrors,
    ...tooMany,
  },
});

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

/**
 * A tracking link needs no account: a budget per address and per repair (whose customer is the
 * one e-mail address behind the link), over the per-minute cap of postCustomerMessage.
 */
const trackMessageLimits = rateLimit(
  perIp('track-message', env.RATE_LIMIT_MESSAGE_IP, 'Too many messages from this address.'),
  perParam(
    'track-message',
    env.RATE_LIMIT_MESSAGE_ORDER,
    'reference',
    'Too many messages about this repair.',
  ),
);

const trackMessageRoute = createRoute({
  method: 'post',
  path: '/track/{reference}/messages',
  tags: ['Tracking'],
  summary: 'Send the shop a message through the tracking link (needs its secret token)',
  middleware: [trackMessageLimits] as const,
  request: { params: ReferenceParamSchema, body: jsonBody(TrackPostMessageSchema) },
  responses: {
    201: jsonResponse(OrderEventSchema, 'The message as it appears on the timeline'),
    404: errorResponses[404],
    422: errorResponses[422],
    ...rateLimitedResponse,
  },
});

export const portalApi = createRouter()
  .openapi(myRepairsRoute, async (c) => {
    const items = await listMyRepairs(await getDb(), c.get('user')!.id);
    return c.json({ items }, 200);
  })
  .openapi(trackRoute, async (c) => {
    const { reference } = c.req.valid('param');
    const tracking = await getTracking(await getDb(), reference, c.req.valid('query').token);
    // same answer for an unknown reference and a wrong token
    if (!tracking) throw new DomainError('NOT_FOUND', 'No repair matches that reference and link.');
    c.header('cache-control', 'no-store');
    return c.json(tracking, 200);
  })
  .openapi(myRepairRoute, async (c) => {
    const repair = await getMyRepair(await getDb(), c.get('user')!.id, c.req.valid('param').reference);
    if (!repair) throw new DomainError('NOT_FOUND', 'No repair of yours matches that reference.');
    c.header('cache-control', 'no-store');
    return c.json(repair, 200);
  })
  .openapi(myMessageRoute, async (c) => {
    const me = c.get('user')!;
    const message = await postCustomerMessage(
      await getDb(),
      c.req.valid('param').reference,
      { kind: 'account', userId: me.id, name: me.name },
      c.req.valid('json').body,
    );
    return c.json(message, 201);
  })
  .openapi(trackMessageRoute, async (c) => {
    const { token, body } = c.req.valid('json');
    const message = await postCustomerMessage(
      await getDb(),
      c.req.valid('param').reference,
      {
        kind: 'track',
        token,
      },
      body,
    );
    return c.json(message, 201);
  });
