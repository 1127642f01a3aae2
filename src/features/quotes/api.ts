/**
 * Parts/labour lines and revised quotes over HTTP, thin: parse, authorise, call server/, answer.
 * - staff (/staff/orders/{id}/...): read lines and quotes (technician+); add/remove lines, send
 *   and withdraw quotes (the assigned technician or a manager of the shop).
 * - customers decide a pending quote two ways: signed in, as the order's owner
 *   (/account/repairs/{reference}/quotes/...), or as the holder of the tracking link
 *   (/track/{reference}/quotes/..., token in the body). Anyone else gets 404.
 */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { requireUser } from '@/server/http/guard';
import { authorize } from '@/features/access/server';
import { getDb } from '@/server/db/runtime';
import { callerOf } from '@/features/repairs/server';
import { auditRequestFrom } from '@/features/audit/server';
import {
  AddLineBodySchema,
  CustomerQuoteParamSchema,
  CustomerQuotesSchema,
  DecisionBodySchema,
  LineParamSchema,
  OrderIdParamSchema,
  OrderLinesSchema,
  ReferenceParamSchema,
  SendQuoteBodySchema,
  StaffQuoteParamSchema,
  TokenDecisionBodySchema,
  TokenQuerySchema,
} from './schemas';
import { linesFor } from './server/get-order-lines';
import { addOrderLine } from './server/add-order-line';
import { removeOrderLine } from './server/remove-order-line';
import { sendRevisedQuote } from './server/send-revised-quote';
import { withdrawRevisedQuote } from './server/withdraw-revised-quote';
import { decideAsOwner, decideWithToken, quotesForOwner, quotesForToken } from './server/customer-quotes';
import type { QuoteDecision } from './server/decide-revised-quote';

const authErrors = accessErrorResponses;

/**
 * Staff only: technicians and up, the ones who read internal notes (line prices and who added
 * them are internal). Record-level rules (assignment, shop) are checked by the services.
 */
const staffOnly = authorize('read', 'InternalNote');

// ---------------------------------------------------------------- staff

const staffTags = ['Staff: lines and quotes'];

const getLinesRoute = createRoute({
  method: 'get',
  path: '/staff/orders/{id}/lines',
  tags: staffTags,
  summary: 'Lines, totals (with the VAT part), agreed total and revised quotes of an order',
  middleware: [staffOnly] as const,
  request: { params: OrderIdParamSchema },
  responses: {
    200: jsonResponse(OrderLinesSchema, 'Lines and quotes'),
    404: errorResponses[404],
    ...authErrors,
  },
});

const addLineRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/lines',
  tags: staffTags,
  summary: 'Add a part or labour line (assigned technician or manager)',
  middleware: [authorize('update', 'RepairOrder')] as const,
  request: { params: OrderIdParamSchema, body: jsonBody(AddLineBodySchema) },
  responses: {
    201: jsonResponse(OrderLinesSchema, 'The lines after the change'),
    404: errorResponses[404],
    409: errorResponses[409],
    422: errorResponses[422],
    ...authErrors,
  },
});

const removeLineRoute = createRoute({
  method: 'delete',
  path: '/staff/orders/{id}/lines/{lineId}',
  tags: staffTags,
  summary: 'Remove a line (assigned technician or manager)',
  middleware: [authorize('update', 'RepairOrder')] as const,
  request: { params: LineParamSchema },
  responses: {
    200: jsonResponse(OrderLinesSchema, 'The lines after the change'),
    404: errorResponses[404],
    409: errorResponses[409],
    422: errorResponses[422],
    ...authErrors,
  },
});

const sendQuoteRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/quotes',
  tags: staffTags,
  summary: 'Send the current lines to the customer as a revised quote; the order awaits approval',
  middleware: [authorize('update', 'RepairOrder')] as const,
  request: { params: OrderIdParamSchema, body: jsonBody(SendQuoteBodySchema) },
  responses: {
    201: jsonResponse(OrderLinesSchema, 'The lines with the new pending quote'),
    404: errorResponses[404],
    409: errorResponses[409],
    422: errorResponses[422],
    ...authErrors,
  },
});

const withdrawQuoteRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/quotes/{quoteId}/withdraw',
  tags: staffTags,
  summary: 'Withdraw a pending revised quote; the order returns to diagnosing',
  middleware: [authorize('update', 'RepairOrder')] as const,
  request: { params: StaffQuoteParamSchema },
  responses: {
    200: jsonResponse(OrderLinesSchema, 'The lines and quotes after the change'),
    404: errorResponses[404],
    409: errorResponses[409],
    422: errorResponses[422],
    ...authErrors,
  },
});

// ---------------------------------------------------------------- customers

const accountTags = ['Account'];
const trackTags = ['Tracking'];
const decisionResponses = {
  200: jsonResponse(CustomerQuotesSchema, 'The revised quotes after the decision'),
  404: errorResponses[404],
  409: errorResponses[409],
  422: errorResponses[422],
};

const accountQuotesRoute = createRoute({
  method: 'get',
  path: '/account/repairs/{reference}/quotes',
  tags: accountTags,
  summary: "My repair's revised quotes (pending first) with lines, totals and the difference",
  middleware: [requireUser] as const,
  request: { params: ReferenceParamSchema },
  responses: {
    200: jsonResponse(CustomerQuotesSchema, 'Revised quotes'),
    404: errorResponses[404],
    ...authErrors,
  },
});

const accountDecisionRoute = <D extends QuoteDecision>(decision: D) =>
  createRoute({
    method: 'post',
    path: `/account/repairs/{reference}/quotes/{quoteId}/${decision}` as const,
    tags: accountTags,
    summary:
      decision === 'approve'
        ? 'Approve a revised quote of my repair: the repair continues at the new price'
        : 'Decline a revised quote of my repair: the shop decides the next step',
    middleware: [requireUser] as const,
    request: { params: CustomerQuoteParamSchema, body: jsonBody(DecisionBodySchema) },
    responses: { ...decisionResponses, ...authErrors },
  });
const accountApproveRoute = accountDecisionRoute('approve');
const accountDeclineRoute = accountDecisionRoute('decline');

const trackQuotesRoute = createRoute({
  method: 'get',
  path: '/track/{reference}/quotes',
  tags: trackTags,
  summary: 'Revised quotes of a repair, for the holder of its tracking link',
  request: { params: ReferenceParamSchema, query: TokenQuerySchema },
  responses: { 200: jsonResponse(CustomerQuotesSchema, 'Revised quotes'), 404: errorResponses[404] },
});

const trackDecisionRoute = <D extends QuoteDecision>(decision: D) =>
  createRoute({
    method: 'post',
    path: `/track/{reference}/quotes/{quoteId}/${decision}` as const,
    tags: trackTags,
    summary:
      decision === 'approve'
        ? 'Approve a revised quote with the tracking link (token in the body)'
        : 'Decline a revised quote with the tracking link (token in the body)',
    request: { params: CustomerQuoteParamSchema, body: jsonBody(TokenDecisionBodySchema) },
    responses: decisionResponses,
  });
const trackApproveRoute = trackDecisionRoute('approve');
const trackDeclineRoute = trackDecisionRoute('decline');

export const quotesApi = createRouter()
  .openapi(getLinesRoute, async (c) => {
    const db = await getDb();
    return c.json(await linesFor(db, c.req.valid('param').id, c.get('user')!), 200);
  })
  .openapi(addLineRoute, async (c) => {
    const db = await getDb();
    const u = c.get('user')!;
    const { id } = c.req.valid('param');
    await addOrderLine(db, id, c.req.valid('json'), callerOf(c));
    return c.json(await linesFor(db, id, u), 201);
  })
  .openapi(removeLineRoute, async (c) => {
    const db = await getDb();
    const u = c.get('user')!;
    const { id, lineId } = c.req.valid('param');
    await removeOrderLine(db, id, lineId, callerOf(c));
    return c.json(await linesFor(db, id, u), 200);
  })
  .openapi(sendQuoteRoute, async (c) => {
    const db = await getDb();
    const u = c.get('user')!;
    const { id } = c.req.valid('param');
    await sendRevisedQuote(db, id, c.req.valid('json'), callerOf(c));
    return c.json(await linesFor(db, id, u), 201);
  })
  .openapi(withdrawQuoteRoute, async (c) => {
    const db = await getDb();
    const u = c.get('user')!;
    const { id, quoteId } = c.req.valid('param');
    await withdrawRevisedQuote(db, id, quoteId, callerOf(c));
    return c.json(await linesFor(db, id, u), 200);
  })
  .openapi(accountQuotesRoute, async (c) => {
    const db = await getDb();
    const quotes = await quotesForOwner(db, c.get('user')!, c.req.valid('param').reference);
    c.header('cache-control', 'no-store');
    return c.json(quotes, 200);
  })
  .openapi(accountApproveRoute, async (c) => {
    const { reference, quoteId } = c.req.valid('param');
    return c.json(
      await decideAsOwner(
        await getDb(),
        c.get('user')!,
        reference,
        quoteId,
        'approve',
        c.req.valid('json'),
        auditRequestFrom(c),
      ),
      200,
    );
  })
  .openapi(accountDeclineRoute, async (c) => {
    const { reference, quoteId } = c.req.valid('param');
    return c.json(
      await decideAsOwner(
        await getDb(),
        c.get('user')!,
        reference,
        quoteId,
        'decline',
        c.req.valid('json'),
        auditRequestFrom(c),
      ),
      200,
    );
  })
  .openapi(trackQuotesRoute, async (c) => {
    const db = await getDb();
    const quotes = await quotesForToken(db, c.req.valid('param').reference, c.req.valid('query').token);
    c.header('cache-control', 'no-store');
    return c.json(quotes, 200);
  })
  .openapi(trackApproveRoute, async (c) => {
    const { reference, quoteId } = c.req.valid('param');
    return c.json(
      await decideWithToken(
        await getDb(),
        reference,
        quoteId,
        'approve',
        c.req.valid('json'),
        auditRequestFrom(c),
      ),
      200,
    );
  })
  .openapi(trackDeclineRoute, async (c) => {
    const { reference, quoteId } = c.req.valid('param');
    return c.json(
      await decideWithToken(
        await getDb(),
        reference,
        quoteId,
        'decline',
        c.req.valid('json'),
        auditRequestFrom(c),
      ),
      200,
    );
  });
