/**
 * Paying, for customers: the methods on offer, one payment (to follow or finish it), the
 * sandbox card form and its extra confirmation step, settling after Stripe/PayPal, switching to
 * pay on collection, and an order's payments and balance (signed in or by tracking link).
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createRouter, type AppEnv } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { baseUrlOf } from '@/server/http/base-url';
import { getDb } from '@/server/db/runtime';
import { findOrderByToken, findOwnedOrder } from '@/features/repairs/server';
import {
  AuthenticateSchema,
  CardConfirmSchema,
  OrderPaymentsSchema,
  PayBalanceSchema,
  PaymentMethodsSchema,
  PaymentViewSchema,
  TokenBodySchema,
} from '../schemas';
import { availableMethods } from '../server/gateway';
import { accessiblePayment } from '../server/access';
import { getPayment, paymentView } from '../server/ledger';
import { authenticateSandbox, confirmSandboxCard } from '../server/confirm-sandbox-card';
import { settlePayment } from '../server/settle-payment';
import { customerOrderPayments, payBalance } from '../server/order-payments';
import { afterPaymentUpdate, finishAttempt } from '../server/after-payment';
import { IdempotencyHeader, PaymentIdParam, ReferenceParam, TokenQuery, paymentErrors } from './shared';
import { requireUser } from '@/server/http/guard';

const tags = ['Payments'];
const paymentResponses = {
  200: jsonResponse(PaymentViewSchema, 'The payment'),
  402: {
    description: 'The card was declined (the payment is now `failed`; try again)',
    content: paymentErrors[409].content,
  },
  ...paymentErrors,
};

const methodsRoute = createRoute({
  method: 'get',
  path: '/payments/methods',
  tags,
  summary: 'The payment methods this shop offers, with fees and processing time',
  responses: { 200: jsonResponse(PaymentMethodsSchema, 'Methods') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/payments/{id}',
  tags,
  summary: 'One payment (owner, tracking-link holder or staff)',
  request: { params: PaymentIdParam, query: TokenQuery },
  responses: { 200: jsonResponse(PaymentViewSchema, 'The payment'), 404: paymentErrors[404] },
});

const cardRoute = createRoute({
  method: 'post',
  path: '/payments/{id}/card',
  tags,
  summary:
    'Test mode: pay with a sandbox test card (4242… succeeds, 4000 0000 0000 0002 is declined, 4000 0027 6000 3184 asks for an extra step)',
  request: { params: PaymentIdParam, body: jsonBody(CardConfirmSchema) },
  responses: paymentResponses,
});

const authenticateRoute = createRoute({
  method: 'post',
  path: '/payments/{id}/authenticate',
  tags,
  summary: "Test mode: complete (or fail) the card's extra confirmation step",
  request: { params: PaymentIdParam, body: jsonBody(AuthenticateSchema) },
  responses: paymentResponses,
});

const syncRoute = createRoute({
  method: 'post',
  path: '/payments/{id}/sync',
  tags,
  summary:
    'After paying at Stripe or approving at PayPal: ask the provider (PayPal payments are captured here)',
  request: { params: PaymentIdParam, body: jsonBody(TokenBodySchema) },
  responses: paymentResponses,
});

const myPaymentsRoute = createRoute({
  method: 'get',
  path: '/account/repairs/{reference}/payments',
  tags,
  summary: "The signed-in owner's view of a repair's payments and balance",
  middleware: [requireUser] as const,
  request: { params: ReferenceParam },
  responses: { 200: jsonResponse(OrderPaymentsSchema, 'Payments'), ...paymentErrors },
});

const myPayRoute = createRoute({
  method: 'post',
  path: '/account/repairs/{reference}/payments',
  tags,
  summary: 'Pay the balance of a repair online (signed-in owner)',
  middleware: [requireUser] as const,
  request: { params: ReferenceParam, headers: IdempotencyHeader, body: jsonBody(PayBalanceSchema) },
  responses: { 201: jsonResponse(PaymentViewSchema, 'The payment to complete'), ...paymentErrors },
});

const trackPaymentsRoute = createRoute({
  method: 'get',
  path: '/track/{reference}/payments',
  tags,
  summary: "A repair's payments and balance through its tracking link",
  request: { params: ReferenceParam, query: TokenQuery },
  responses: { 200: jsonResponse(OrderPaymentsSchema, 'Payments'), 404: paymentErrors[404] },
});

const trackPayRoute = createRoute({
  method: 'post',
  path: '/track/{reference}/payments',
  tags,
  summary: 'Pay the balance of a repair online through its tracking link',
  request: { params: ReferenceParam, headers: IdempotencyHeader, body: jsonBody(PayBalanceSchema) },
  responses: { 201: jsonResponse(PaymentViewSchema, 'The payment to complete'), ...paymentErrors },
});

async function load(c: Context<AppEnv>, id: string, token: string | undefined) {
  const db = await getDb();
  const found = await accessiblePayment(db, id, { user: c.get('user'), token });
  return { db, ...found };
}

const notFound = () => new DomainError('NOT_FOUND', 'No repair matches that reference and link.');

export const customerPaymentsApi = createRouter()
  .openapi(methodsRoute, (c) => c.json(availableMethods(), 200))
  .openapi(getRoute, async (c) => {
    const { db, payment, loaded } = await load(c, c.req.valid('param').id, c.req.valid('query').token);
    c.header('cache-control', 'no-store');
    return c.json(await paymentView(db, payment, loaded.booking.reference), 200);
  })
  .openapi(cardRoute, async (c) => {
    const body = c.req.valid('json');
    const { db, payment, loaded } = await load(c, c.req.valid('param').id, body.token);
    const result = await confirmSandboxCard(db, payment, loaded, body);
    c.header('cache-control', 'no-store');
    return c.json(await finishAttempt(db, result, payment, loaded.booking.reference, baseUrlOf(c)), 200);
  })
  .openapi(authenticateRoute, async (c) => {
    const body = c.req.valid('json');
    const { db, payment, loaded } = await load(c, c.req.valid('param').id, body.token);
    const result = await authenticateSandbox(db, payment, loaded, body.approve);
    c.header('cache-control', 'no-store');
    return c.json(await finishAttempt(db, result, payment, loaded.booking.reference, baseUrlOf(c)), 200);
  })
  .openapi(syncRoute, async (c) => {
    const { db, payment, loaded } = await load(c, c.req.valid('param').id, c.req.valid('json').token);
    const result = await settlePayment(db, payment, {
      reference: loaded.booking.reference,
      email: loaded.booking.customerEmail,
    });
    if (result) await afterPaymentUpdate(db, result, baseUrlOf(c));
    const row = result?.payment ?? (await getPayment(db, payment.id)) ?? payment;
    c.header('cache-control', 'no-store');
    return c.json(await paymentView(db, row, loaded.booking.reference), 200);
  })
  .openapi(myPaymentsRoute, async (c) => {
    const db = await getDb();
    const loaded = await findOwnedOrder(db, c.get('user')!.id, c.req.valid('param').reference);
    if (!loaded) throw notFound();
    c.header('cache-control', 'no-store');
    return c.json(await customerOrderPayments(db, loaded), 200);
  })
  .openapi(myPayRoute, async (c) => {
    const db = await getDb();
    const me = c.get('user')!;
    const loaded = await findOwnedOrder(db, me.id, c.req.valid('param').reference);
    if (!loaded) throw notFound();
    const row = await payBalance(db, loaded, c.req.valid('json').method, {
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      baseUrl: baseUrlOf(c),
      userId: me.id,
    });
    return c.json(await paymentView(db, row, loaded.booking.reference), 201);
  })
  .openapi(trackPaymentsRoute, async (c) => {
    const db = await getDb();
    const loaded = await findOrderByToken(db, c.req.valid('param').reference, c.req.valid('query').token);
    if (!loaded) throw notFound();
    c.header('cache-control', 'no-store');
    return c.json(await customerOrderPayments(db, loaded), 200);
  })
  .openapi(trackPayRoute, async (c) => {
    const db = await getDb();
    const body = c.req.valid('json');
    const loaded = await findOrderByToken(db, c.req.valid('param').reference, body.token);
    if (!loaded) throw notFound();
    const row = await payBalance(db, loaded, body.method, {
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      baseUrl: baseUrlOf(c),
    });
    return c.json(await paymentView(db, row, loaded.booking.reference), 201);
  });
