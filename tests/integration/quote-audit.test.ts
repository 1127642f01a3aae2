/**
 * Status changes caused by a revised quote are audited with the caller's address and user agent,
 * like every other status change: sending one (staff), and the customer's approval or decline
 * (signed in, or through the tracking link).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents, repairOrders } from '@/server/db/schema';
import type { OrderLines } from '@/features/quotes/schemas';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

describe.each(BACKENDS)('audit of quote-caused status changes on $name', (backend) => {
  let app: TestApp;
  let customer: TestUser;
  let tech: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    customer = await createUser(app, 'customer');
    tech = await createUser(app, 'technician', { shopSlug: 'london' });
  });
  afterAll(() => app.close());

  async function pendingQuote(cookie: string): Promise<{ order: BookedOrder; quoteId: string }> {
    const order = await bookOrder(app, { cookie });
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'diagnosing', assignedTechnicianId: tech.id })
      .where(eq(repairOrders.id, order.orderId));
    const line = await app.request(`/api/staff/orders/${order.orderId}/lines`, {
      method: 'POST',
      headers: { cookie: tech.cookie },
      json: { kind: 'part', description: 'Battery', quantity: 1, unitMinor: 4500 },
    });
    expect(line.status).toBe(201);
    const sent = await app.request(`/api/staff/orders/${order.orderId}/quotes`, {
      method: 'POST',
      headers: { cookie: tech.cookie, 'user-agent': 'StaffBrowser/2.0' },
      json: { message: 'The battery is swollen.' },
    });
    expect(sent.status).toBe(201);
    return { order, quoteId: ((await sent.json()) as OrderLines).quotes[0]!.id };
  }

  /** The newest status-change audit row of an order, moving to `to`. */
  async function statusAudit(order: BookedOrder, to: string) {
    const rows = await app.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.type, 'order_status_changed'), eq(auditEvents.targetId, order.reference)))
      .orderBy(desc(auditEvents.id));
    return rows.find((r) => (r.details as { to?: string } | null)?.to === to);
  }

  it('sending a revised quote records the staff member’s address and user agent', async () => {
    const { order } = await pendingQuote(customer.cookie);
    expect(await statusAudit(order, 'awaiting_approval')).toMatchObject({
      actorUserId: tech.id,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'StaffBrowser/2.0',
    });
  });

  it('the owner approving records the customer’s address and user agent', async () => {
    const { order, quoteId } = await pendingQuote(customer.cookie);
    const res = await app.request(`/api/account/repairs/${order.reference}/quotes/${quoteId}/approve`, {
      method: 'POST',
      headers: { cookie: customer.cookie, 'user-agent': 'CustomerPhone/1.0' },
      json: {},
    });
    expect(res.status).toBe(200);
    expect(await statusAudit(order, 'repairing')).toMatchObject({
      actorUserId: customer.id,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'CustomerPhone/1.0',
    });
  });

  it('a guest declining through the tracking link records the address and user agent', async () => {
    const { order, quoteId } = await pendingQuote('');
    const res = await app.request(`/api/track/${order.reference}/quotes/${quoteId}/decline`, {
      method: 'POST',
      headers: { 'user-agent': 'GuestTablet/3.1' },
      json: { token: order.trackingToken, note: 'Too dear' },
    });
    expect(res.status).toBe(200);
    expect(await statusAudit(order, 'diagnosing')).toMatchObject({
      actorUserId: null,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'GuestTablet/3.1',
    });
  });
});
