/**
 * Issue 13, item 8: staff hear of new work. New bookings and check-ins reach the shop's managers
 * (the admins where the shop has none) in the bell, by the one rule of repairs'
 * staff-to-notify.ts; the technician who checks a device in is not told of their own act.
 * A new booking's notice is carried out right after it commits (its outbox event): the tests wait
 * for it (`drainOutbox`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { emailMessages, notifications } from '@/server/db/schema';
import { drainOutbox } from '@/server/outbox';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type TestUser } from './fixtures';

interface Bell {
  items: Array<{ type: string; reference: string | null; href: string | null }>;
  unreadCount: number;
}

describe.each(BACKENDS)('staff notices of new work on $name', (backend) => {
  let app: TestApp;
  let admin: TestUser;
  let tech: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    admin = await createUser(app, 'admin', { name: 'Ada Admin' });
    tech = await createUser(app, 'technician', { shopSlug: 'london', name: 'Tess Tech' });
  });
  afterAll(() => app.close());

  const bell = async (who: TestUser): Promise<Bell> => {
    const res = await app.request('/api/notifications', { headers: { cookie: who.cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as Bell;
  };
  const noticed = async (orderId: string, type: string) =>
    (
      await app.handle.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(and(eq(notifications.orderId, orderId), eq(notifications.type, type)))
    ).map((n) => n.userId);
  // the notice e-mails of one event on one order: to whom
  const mailed = async (kind: string, orderId: string) =>
    (
      await app.handle.db
        .select({ to: emailMessages.toAddress })
        .from(emailMessages)
        .where(like(emailMessages.dedupeKey, `notice:${kind}:${orderId}:%`))
    )
      .map((m) => m.to)
      .sort();

  it('tells the admins of a new booking while the shop has no managers, in the bell', async () => {
    const order = await bookOrder(app, { shop: 'london' });
    await drainOutbox(app.handle.db);
    expect(await noticed(order.orderId, 'booked')).toEqual([admin.id]);
    const items = (await bell(admin)).items.filter((i) => i.reference === order.reference);
    expect(items.map((i) => i.type)).toEqual(['booked']);
    expect((await bell(tech)).items.some((i) => i.reference === order.reference)).toBe(false);
  });

  it("tells the shop's managers (not other shops', not the admins) of new bookings and check-ins", async () => {
    const london = await createUser(app, 'manager', { shopSlug: 'london' });
    const everyShop = await createUser(app, 'manager', { shopSlug: null });
    const north = await createUser(app, 'manager', { shopSlug: 'manchester' });
    const order = await bookOrder(app, { shop: 'london' });
    await drainOutbox(app.handle.db);
    expect((await noticed(order.orderId, 'booked')).sort()).toEqual([london.id, everyShop.id].sort());

    const res = await app.request(`/api/staff/orders/${order.orderId}/intake`, {
      method: 'POST',
      headers: { cookie: tech.cookie },
      json: { conditionNotes: 'Cracked screen', accessories: [], passcodePolicy: 'none' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const checkedIn = await noticed(order.orderId, 'checked_in');
    expect(checkedIn.sort()).toEqual([london.id, everyShop.id].sort());
    expect(checkedIn).not.toContain(north.id);
    expect(checkedIn).not.toContain(tech.id);
    expect(checkedIn).not.toContain(admin.id);
    const types = (await bell(london)).items
      .filter((i) => i.reference === order.reference)
      .map((i) => i.type);
    expect(types.sort()).toEqual(['booked', 'checked_in']);
    // and by e-mail, to the same people (their addresses read with who to tell)
    const addresses = [london.email, everyShop.email].sort();
    expect(await mailed('new_booking', order.orderId)).toEqual(addresses);
    expect(await mailed('checked_in', order.orderId)).toEqual(addresses);
  });
});
