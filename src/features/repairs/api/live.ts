/**
 * The live streams of orders (server-sent events): the staff board, one order for staff, and
 * one order for its customer (signed in, or through the tracking link). Each answers 401/403/404
 * like the matching read route before it streams; see live/server/serve-live.ts for replay,
 * resume and heartbeats.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { requireUser } from '@/server/http/guard';
import { abilityOf, authorize } from '@/features/access/server';
import { getDb } from '@/server/db/runtime';
import { resumeQuery, serveLive, streamResponse } from '@/features/live/server';
import { assertCan, findOrder, loadOrder, orderNotFound } from '../server/lock-order';
import { findBookingByToken } from '../server/tracking';
import { seesShopOnlyEvents } from '../server/staff-view';
import { customerOrderFeed, staffBoardFeed, staffOrderFeed } from '../server/order-live-feeds';

const staffBoardRoute = createRoute({
  method: 'get',
  path: '/staff/live',
  tags: ['Live'],
  summary: 'Changes to any order (staff queue and board), optionally one shop’s',
  middleware: [authorize('read', 'InternalNote')] as const,
  request: { query: z.object({ shop: z.string().max(60).optional(), ...resumeQuery }) },
  responses: {
    200: streamResponse('Order changes: {orderId, reference, type, status, shopSlug}'),
    ...accessErrorResponses,
  },
});

const staffOrderRoute = createRoute({
  method: 'get',
  path: '/staff/orders/{id}/live',
  tags: ['Live'],
  summary: 'Every event of one order, internal notes included (staff)',
  middleware: [authorize('read', 'InternalNote')] as const,
  request: { params: z.object({ id: z.string().min(1).max(40) }), query: z.object(resumeQuery) },
  responses: { 200: streamResponse('Timeline events'), 404: errorResponses[404], ...accessErrorResponses },
});

const myRepairRoute = createRoute({
  method: 'get',
  path: '/account/repairs/{reference}/live',
  tags: ['Live'],
  summary: 'Customer-visible events of one of my repairs',
  middleware: [requireUser] as const,
  request: { params: z.object({ reference: z.string().min(1).max(20) }), query: z.object(resumeQuery) },
  responses: { 200: streamResponse('Timeline events'), 404: errorResponses[404], ...accessErrorResponses },
});

const trackRoute = createRoute({
  method: 'get',
  path: '/track/{reference}/live',
  tags: ['Live'],
  summary: 'Customer-visible events of a repair, for the holder of its tracking link',
  request: {
    params: z.object({ reference: z.string().min(1).max(20) }),
    query: z.object({ token: z.string().max(200).optional(), ...resumeQuery }),
  },
  responses: { 200: streamResponse('Timeline events'), 404: errorResponses[404] },
});

export const orderLiveApi = createRouter()
  .openapi(staffBoardRoute, async (c) => {
    const shop = c.req.valid('query').shop?.trim() || undefined;
    return serveLive(c, staffBoardFeed(await getDb(), shop), 'staff-board');
  })
  .openapi(staffOrderRoute, async (c) => {
    const db = await getDb();
    const loaded = await loadOrder(db, c.req.valid('param').id);
    assertCan(abilityOf(c), 'read', loaded);
    const shopOnly = seesShopOnlyEvents(c.get('user')?.shopSlug, loaded.order.shopSlug);
    return serveLive(c, staffOrderFeed(db, loaded.order.id, { shopOnly }), 'staff-order');
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
    const loaded = booking ? await findOrder(db, booking.reference) : null;
    if (!loaded) throw new DomainError('NOT_FOUND', 'No repair matches that reference and link.');
    return serveLive(c, customerOrderFeed(db, loaded.order.id), 'tracking');
  });
