/**
 * Payments in the staff console: an order's payment history with refunds, money taken at the
 * counter, and refunds (full or partial, with a reason) by the shop's managers and admins.
 */
import { auditRequestFrom } from '@/features/audit/server';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { baseUrlOf } from '@/server/http/base-url';
import { getDb } from '@/server/db/runtime';
import { assertCan, can, loadOrder, callerOf, staffOnly } from '@/features/repairs/server';
import {
  RecordPaymentSchema,
  RefundRequestSchema,
  StaffOrderPaymentsSchema,
  StaffPaymentViewSchema,
} from '../schemas';
import { balanceOf, getPayment, orderPayments, staffPaymentViews } from '../server/ledger';
import { recordCounterPayment } from '../server/order-payments';
import { refundPayment } from '../server/refund-payment';
import { afterPaymentUpdate } from '../server/after-payment';
import { IdempotencyHeader, paymentErrors } from './shared';

const tags = ['Payments'];
const OrderParam = z.object({ id: z.string().min(1).max(64) });

const listRoute = createRoute({
  method: 'get',
  path: '/staff/orders/{id}/payments',
  tags,
  summary: "An order's payments, refunds, invoices and balance",
  middleware: [staffOnly] as const,
  request: { params: OrderParam },
  responses: { 200: jsonResponse(StaffOrderPaymentsSchema, 'Payments'), ...paymentErrors },
});

const recordRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/payments',
  tags,
  summary: 'Record money taken in the shop (cash or card terminal); the default amount is the balance due',
  middleware: [staffOnly] as const,
  request: { params: OrderParam, headers: IdempotencyHeader, body: jsonBody(RecordPaymentSchema) },
  responses: { 201: jsonResponse(StaffPaymentViewSchema, 'The recorded payment'), ...paymentErrors },
});

const refundRoute = createRoute({
  method: 'post',
  path: '/staff/payments/{paymentId}/refunds',
  tags,
  summary: 'Refund all or part of a payment (managers and admins), with a reason',
  middleware: [staffOnly] as const,
  request: {
    params: z.object({ paymentId: z.string().max(64) }),
    headers: IdempotencyHeader,
    body: jsonBody(RefundRequestSchema),
  },
  responses: { 201: jsonResponse(StaffPaymentViewSchema, 'The payment after the refund'), ...paymentErrors },
});

export const staffPaymentsApi = createRouter()
  .openapi(listRoute, async (c) => {
    const db = await getDb();
    const caller = callerOf(c);
    const loaded = await loadOrder(db, c.req.valid('param').id);
    assertCan(caller.ability, 'read', loaded);
    const rows = await orderPayments(db, loaded.order.id);
    c.header('cache-control', 'no-store');
    return c.json(
      {
        reference: loaded.order.reference,
        balance: balanceOf(loaded, rows),
        payments: await staffPaymentViews(db, rows, loaded.order.reference),
        canRefund: can(caller.ability, 'manage', loaded),
        canRecord: can(caller.ability, 'update', loaded),
      },
      200,
    );
  })
  .openapi(recordRoute, async (c) => {
    const db = await getDb();
    const caller = callerOf(c);
    const loaded = await loadOrder(db, c.req.valid('param').id);
    assertCan(caller.ability, 'update', loaded);
    const result = await recordCounterPayment(
      db,
      loaded,
      { ...c.req.valid('json'), idempotencyKey: c.req.valid('header')['idempotency-key'] },
      { baseUrl: baseUrlOf(c), actor: { ...caller.actor, userId: caller.user.id } },
    );
    await afterPaymentUpdate(db, result, baseUrlOf(c));
    const [view] = await staffPaymentViews(db, [result.payment], loaded.order.reference);
    return c.json(view!, 201);
  })
  .openapi(refundRoute, async (c) => {
    const db = await getDb();
    const caller = callerOf(c);
    const payment = await getPayment(db, c.req.valid('param').paymentId);
    if (!payment) throw new DomainError('NOT_FOUND', 'No payment with that id.');
    const loaded = await loadOrder(db, payment.orderId);
    assertCan(caller.ability, 'read', loaded);
    if (!can(caller.ability, 'manage', loaded)) {
      throw new DomainError('FORBIDDEN', "Only a manager of the order's shop or an admin may refund.");
    }
    const body = c.req.valid('json');
    await refundPayment(db, payment.id, {
      amountMinor: body.amountMinor,
      reason: body.reason,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      actor: caller.actor,
      request: auditRequestFrom(c),
    });
    const after = (await getPayment(db, payment.id))!;
    const [view] = await staffPaymentViews(db, [after], loaded.order.reference);
    return c.json(view!, 201);
  });
