/**
 * Shared fixtures for workflow tests: users of each role (signed in, cookie returned) and
 * booked orders. Users are made through the real sign-up, then given their role in the DB
 * (as an admin would through /admin/users).
 */
import { desc, eq, gt } from 'drizzle-orm';
import { auditEvents, repairOrders, user, type Role } from '@/server/db/schema';
import { bookingBody, freeSlot, signUp, type TestApp } from './harness';

let counter = 0;

export interface TestUser {
  id: string;
  email: string;
  cookie: string;
}

/**
 * A verified account with `role` (and shop), signed in. Staff have two-factor on, as
 * STAFF_TWO_FACTOR=required makes them (the flag as the set-up leaves it; pass `twoFactor: false`
 * for staff who have not set it up yet, or to set it up through the API in the test).
 */
export async function createUser(
  app: TestApp,
  role: Role,
  opts: { shopSlug?: string | null; tag?: string; name?: string; twoFactor?: boolean } = {},
): Promise<TestUser> {
  counter += 1;
  const email = `${opts.tag ?? role}-${counter}-${Date.now()}@example.com`;
  const cookie = await signUp(app, email, 'correct-horse-battery', opts.name ?? `${role} ${counter}`);
  const [row] = await app.handle.db
    .update(user)
    .set({
      role,
      shopSlug: opts.shopSlug ?? null,
      emailVerified: true,
      twoFactorEnabled: opts.twoFactor ?? role !== 'customer',
    })
    .where(eq(user.email, email))
    .returning({ id: user.id });
  return { id: row!.id, email, cookie };
}

export interface BookedOrder {
  reference: string;
  orderId: string;
  trackingToken: string;
}

/**
 * A drop-off booking at `shop` (the customer's cookie makes it theirs), and its repair order.
 */
export async function bookOrder(
  app: TestApp,
  opts: { cookie?: string; shop?: string; email?: string; overrides?: Record<string, unknown> } = {},
): Promise<BookedOrder> {
  const shop = opts.shop ?? 'london';
  const slot = await freeSlot(app, shop);
  const res = await app.request('/api/bookings', {
    method: 'POST',
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    json: bookingBody({
      service: { type: 'drop_off', shopSlug: shop, slotStartsAt: slot },
      customer: { name: 'John Doe', email: opts.email ?? `john-${Date.now()}-${++counter}@example.com` },
      ...opts.overrides,
    }),
  });
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { reference: string; trackingToken: string };
  const [order] = await app.handle.db
    .select({ id: repairOrders.id })
    .from(repairOrders)
    .where(eq(repairOrders.reference, body.reference));
  return { reference: body.reference, orderId: order!.id, trackingToken: body.trackingToken };
}

/** The newest audit row's id (0 for none): a mark to read the rows an action writes after it. */
export async function lastAuditId(app: TestApp): Promise<number> {
  const [r] = await app.handle.db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return r?.id ?? 0;
}

/** The audit rows written since `afterId` (a lastAuditId mark), oldest first. */
export function auditRowsAfter(app: TestApp, afterId: number) {
  return app.handle.db.select().from(auditEvents).where(gt(auditEvents.id, afterId)).orderBy(auditEvents.id);
}
