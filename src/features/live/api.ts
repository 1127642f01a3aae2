/**
 * Live streams (server-sent events). Each answers 401/403/404 like the matching read route
 * before it streams; then see server/serve-live.ts for replay, resume and heartbeats.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { errorResponses } from '@/server/http/errors';
import { requireUser } from '@/server/http/guard';
import { abilityOf, authorize } from '@/features/access/server';
import { getDb } from '@/server/db/runtime';
import { assertCan, loadOrder, orderNotFound } from '@/features/repairs/server/lock-order';
import { findBookingByToken } from '@/features/booking/server/find-booking';
import { customerOrderFeed, notificationFeed, staffBoardFeed, staffOrderFeed } from './server/feeds';
import { serveLive } from './server/serve-live';

const stream = (description: string) => ({
  description: `${description}. Server-sent events: \`data\` is JSON, \`id\` the event id to resume from (the Last-Event-ID header, or \`?lastEventId=\`).`,
  content: { 'text/event-stream': { schema: z.string() } },
});
const authErrors = {
  401: { description: 'Not signed in', content: errorResponses[404].content },
  403: { description: 'Not allowed', content: errorResponses[404].content },
};
const resume = { lastEventId: z.string().max(20).optional() };

const staffBoardRoute = createRoute({
  method: 'get',
  path: '/staff/live',
  tags: ['Live'],
  summary: 'Changes to any order (staff queue and board), optionally one shop’s',
  middleware: [authorize('read', 'InternalNote')] as const,
  request: { query: z.object({ shop: z.string().max(60).optional(), ...resume }) },
  responses: { 200: stream('Order changes: {orderId, reference, type, status, shopSlug}'), ...authErrors },
});

const staffOrderRoute = createRoute({
  method: 'get',
  path: '/staff/orders/{id}/live',
  tags: ['Live'],
  summary: 'Every event of one order, internal notes included (staff)',
  middleware: [authorize('read', 'InternalNote')] as const,
  request: { params: z.object({ id: z.string().min(1).max(40) }), query: z.object(resume) },
  responses: { 200: stream('Timeline events'), 404: errorResponses[404], ...authErrors },
});

const myRepairRoute = createRoute({
  method: 'get',
  path: '/account/repairs/{reference}/live',
  tags: ['Live'],
  summary: 'Customer-visible events of one of my repairs',
  middleware: [requireUser] as const,
  request: { params: z.object({ reference: z.string().min(1).max(20) }), query: z.object(resume) },
  responses: { 200: stream('Timeline events'), 404: errorResponses[404], ...authErrors },
});

const trackRoute = createRoute({
  method: 'get',
  path: '/track/{reference}/live',
  tags: ['Live'],
  summary: 'Customer-visible events of a repair, for the holder of its tracking link',
  request: {
    params: z.object({ reference: z.string().min(1).max(20) }),
    query: z.object({ token: z.string().max(200).optional(), ...resume }),
  },
  responses: { 200: stream('Timeline events'), 404: errorResponses[404] },
});

const notificationsRoute = createRoute({
  method: 'get',
  path: '/notifications/live',
  tags: ['Live', 'Notifications'],
  summary: 'My new notifications as they arrive',
  middleware: [requireUser] as const,
  request: { query: z.object(resume) },
  responses: { 200: stream('Notifications, and {kind: "read"} when some were marked read'), ...authErrors },
});

export const liveApi = createRouter()
  .openapi(staffBoardRoute, async (c) => {
    const shop = c.req.valid('query').shop?.trim() || undefined;
    return serveLive(c, staffBoardFeed(await getDb(), shop), 'staff-board');
  })
  .openapi(staffOrderRoute, async (c) => {
    const db = await getDb();
    const loaded = await loadOrder(db, c.req.valid('param').id);
    assertCan(abilityOf(c), 'read', loaded);
    return serveLive(c, staffOrderFeed(db, loaded.order.id), 'staff-order');
  })
  .openapi(myRepairRoute, async (c) => {
    const db = await getDb();
    const loaded = await loadOrder(db, c.req.valid('param').reference);
    // only the owner; anyone else learns nothing, not even that the reference exists
    if (loaded.booking.userId !== c.get('user')!.id) throw orderNotFound();
    return serveLive(c, customerOrderFeed(db, loaded.order.id), 'customer-order');
  })
  .openapi(trackRoute, async (c) => {
    const db = await getDb();
    const booking = await findBookingByToken(db, c.req.valid('param').reference, c.req.valid('query').token);
    // same answer for an unknown reference and a wrong token
    if (!booking) throw new DomainError('NOT_FOUND', 'No repair matches that reference and link.');
    const loaded = await loadOrder(db, booking.reference).catch(() => null);
    if (!loaded) throw new DomainError('NOT_FOUND', 'No repair matches that reference and link.');
    return serveLive(c, customerOrderFeed(db, loaded.order.id), 'tracking');
  })
  .openapi(notificationsRoute, async (c) => {
    const user = c.get('user')!;
    return serveLive(c, notificationFeed(await getDb(), user), 'notifications');
  });
