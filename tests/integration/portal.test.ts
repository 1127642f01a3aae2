/**
 * The customer portal through HTTP: the owner's view of an order, what it never shows
 * (internal notes, event data, user ids), messages to the shop from the account and from the
 * tracking link, who at the shop is notified, and the next step for every status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, repairOrderEvents, repairOrders, repairQuotes } from '@/server/db/schema';
import { getEventBus, type BusMessage } from '@/server/events';
import { appendOrderEvent } from '@/features/repairs/server/order-events';
import { MESSAGES_PER_MINUTE } from '@/features/portal/server/post-customer-message';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

interface OrderEvent {
  id: number;
  type: string;
  toStatus: string | null;
  message: string | null;
  actor: { name: string | null; role: string };
}
interface CustomerOrder {
  reference: string;
  status: string;
  progress: number;
  nextStep: {
    key: string;
    slotStartsAt: string | null;
    shopName: string | null;
    warrantyEndsAt: string | null;
  };
  device: { name: string };
  repairs: string[];
  service: { type: string; shop: { name: string; timeZone: string } | null; slotStartsAt: string | null };
  quote: { totalMinor: number; lines: unknown[] };
  agreedTotalMinor: number;
  warrantyEndsAt: string | null;
  timeline: OrderEvent[];
}

describe.each(BACKENDS)('customer portal on $name', (backend) => {
  let app: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let tech: TestUser;
  let order: BookedOrder;

  const get = (reference: string, cookie?: string) =>
    app.request(`/api/account/repairs/${reference}`, { headers: cookie ? { cookie } : {} });
  const post = (reference: string, body: unknown, cookie?: string) =>
    app.request(`/api/account/repairs/${reference}/messages`, {
      method: 'POST',
      headers: cookie ? { cookie } : {},
      json: body,
    });
  const trackPost = (reference: string, body: unknown) =>
    app.request(`/api/track/${reference}/messages`, { method: 'POST', json: body });
  const setOrder = (orderId: string, patch: Partial<typeof repairOrders.$inferInsert>) =>
    app.handle.db.update(repairOrders).set(patch).where(eq(repairOrders.id, orderId));

  beforeAll(async () => {
    app = await startApp(backend);
    alice = await createUser(app, 'customer', { name: 'Alice Owner', tag: 'alice' });
    bob = await createUser(app, 'customer', { name: 'Bob Other', tag: 'bob' });
    tech = await createUser(app, 'technician', { shopSlug: 'london', name: 'Tess Technician' });
    order = await bookOrder(app, { cookie: alice.cookie });
  });
  afterAll(() => app.close());

  it('shows the owner their order: status, progress, next step, device, shop, quote, timeline', async () => {
    const res = await get(order.reference, alice.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const o = (await res.json()) as CustomerOrder;
    expect(o.reference).toBe(order.reference);
    expect(o.status).toBe('booked');
    expect(o.progress).toBe(5);
    expect(o.device.name).toBe('iPhone 15');
    expect(o.repairs).toEqual(['Cracked or broken screen']);
    expect(o.service.type).toBe('drop_off');
    expect(o.service.shop?.timeZone).toBe('Europe/London');
    expect(o.nextStep).toEqual({
      key: 'bring_device',
      slotStartsAt: o.service.slotStartsAt,
      shopName: o.service.shop?.name,
      warrantyEndsAt: null,
    });
    expect(o.quote.totalMinor).toBeGreaterThan(0);
    expect(o.agreedTotalMinor).toBe(o.quote.totalMinor);
    expect(o.warrantyEndsAt).toBeNull();
    expect(o.timeline.map((e) => [e.type, e.toStatus])).toEqual([['created', 'booked']]);
    // lower-case references are accepted, like on the tracking link
    expect((await get(order.reference.toLowerCase(), alice.cookie)).status).toBe(200);
  });

  it('answers anyone else exactly like an unknown reference; anonymous callers must sign in', async () => {
    const manager = await createUser(app, 'manager', { shopSlug: 'london' });
    const bodies = new Set<string>();
    for (const res of [
      await get(order.reference, bob.cookie),
      await get(order.reference, tech.cookie),
      await get(order.reference, manager.cookie),
      await get('RT-222222', alice.cookie),
      await get(order.orderId, alice.cookie),
    ]) {
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('Alice');
      const { requestId: _r, ...body } = JSON.parse(text) as { requestId?: string };
      bodies.add(JSON.stringify(body));
    }
    expect(bodies.size).toBe(1);
    expect((await get(order.reference)).status).toBe(401);
    expect((await post(order.reference, { body: 'hi' })).status).toBe(401);
    expect((await post(order.reference, { body: 'hi' }, bob.cookie)).status).toBe(404);
  });

  it('never shows internal notes, internal events, event data or staff ids; shows customer-visible ones', async () => {
    const own = await bookOrder(app, { cookie: alice.cookie });
    const staff = { name: 'Tess Technician', userId: tech.id, role: 'staff' as const };
    await app.handle.db.transaction(async (tx) => {
      await appendOrderEvent(tx, {
        orderId: own.orderId,
        type: 'note',
        actor: staff,
        visibility: 'internal',
        message: 'INTERNAL-SECRET: customer seems difficult',
      });
      await appendOrderEvent(tx, {
        orderId: own.orderId,
        type: 'intake',
        actor: staff,
        visibility: 'internal',
        message: 'INTERNAL-INTAKE',
        data: { passcode: 'INTERNAL-PASSCODE' },
      });
      // a customer-visible event of a staff-only type is still left out
      await appendOrderEvent(tx, {
        orderId: own.orderId,
        type: 'assigned',
        actor: staff,
        visibility: 'customer',
        message: 'INTERNAL-ASSIGNED',
      });
      await appendOrderEvent(tx, {
        orderId: own.orderId,
        type: 'note',
        actor: staff,
        visibility: 'customer',
        message: 'We ordered the screen; it arrives tomorrow.',
        data: { secret: 'INTERNAL-DATA' },
      });
      await appendOrderEvent(tx, {
        orderId: own.orderId,
        type: 'message',
        actor: staff,
        visibility: 'customer',
        message: 'Hello from the shop',
      });
    });

    const account = await get(own.reference, alice.cookie);
    const tracking = await app.request(
      `/api/track/${own.reference}?token=${encodeURIComponent(own.trackingToken)}`,
    );
    for (const res of [account, tracking]) {
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain('INTERNAL');
      expect(text).not.toContain(tech.id);
      expect(text).not.toContain(alice.id);
      const o = JSON.parse(text) as CustomerOrder;
      expect(o.timeline.map((e) => e.type)).toEqual(['created', 'note', 'message']);
      expect(o.timeline[1]).toMatchObject({
        message: 'We ordered the screen; it arrives tomorrow.',
        actor: { name: 'Tess Technician', role: 'staff' },
      });
      expect(o.timeline[0]!.actor.role).toBe('customer');
      expect(Object.keys(o.timeline[1]!)).not.toContain('data');
    }
  });

  it('stores a customer message with its actor, shows it, and notifies the assigned technician', async () => {
    const own = await bookOrder(app, { cookie: alice.cookie });
    await setOrder(own.orderId, { assignedTechnicianId: tech.id });
    const heard: BusMessage[] = [];
    const bus = getEventBus();
    const unsubscribe = await bus.subscribe(`order:${own.orderId}`, (m) => heard.push(m));
    const unsubscribeAll = await bus.subscribe('orders', (m) => {
      if (m.orderId === own.orderId) heard.push(m);
    });

    const res = await post(own.reference, { body: '  Is the screen original?  ' }, alice.cookie);
    expect(res.status).toBe(201);
    const sent = (await res.json()) as OrderEvent;
    expect(sent).toMatchObject({
      type: 'message',
      message: 'Is the screen original?',
      actor: { name: 'Alice Owner', role: 'customer' },
    });

    const [row] = await app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(eq(repairOrderEvents.id, sent.id));
    expect(row).toMatchObject({
      orderId: own.orderId,
      type: 'message',
      actor: 'Alice Owner',
      actorUserId: alice.id,
      actorRole: 'customer',
      visibility: 'customer',
      message: 'Is the screen original?',
    });

    const o = (await (await get(own.reference, alice.cookie)).json()) as CustomerOrder;
    expect(o.timeline.at(-1)).toMatchObject({ id: sent.id, type: 'message' });

    // the booking itself told the shop's managers (a 'booked' notice); the message goes only to
    // the assigned technician
    const notes = await app.handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orderId, own.orderId), eq(notifications.type, 'message')));
    expect(notes.map((n) => n.userId)).toEqual([tech.id]);
    expect(notes[0]).toMatchObject({
      type: 'message',
      reference: own.reference,
      data: { eventId: sent.id, from: 'Alice Owner', preview: 'Is the screen original?' },
    });

    // published after the commit: the staff view's live stream hears it
    await expect.poll(() => heard.length).toBe(2);
    expect(heard).toContainEqual(
      expect.objectContaining({ eventId: sent.id, type: 'message', visibility: 'customer' }),
    );
    unsubscribe();
    unsubscribeAll();
  });

  it("notifies the shop's managers and managers of every shop when nobody is assigned", async () => {
    const london = await createUser(app, 'manager', { shopSlug: 'london' });
    const everyShop = await createUser(app, 'manager', { shopSlug: null });
    const elsewhere = await createUser(app, 'manager', { shopSlug: 'manchester' });
    const own = await bookOrder(app, { cookie: alice.cookie });
    expect((await post(own.reference, { body: 'Any news?' }, alice.cookie)).status).toBe(201);
    const notes = await app.handle.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.orderId, own.orderId), eq(notifications.type, 'message')));
    const ids = notes.map((n) => n.userId);
    expect(ids).toContain(london.id);
    expect(ids).toContain(everyShop.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(tech.id);
  });

  it('refuses an empty or too long message with field errors', async () => {
    for (const body of [{ body: '   ' }, { body: 'x'.repeat(2001) }, {}]) {
      const res = await post(order.reference, body, alice.cookie);
      expect(res.status).toBe(422);
      const problem = (await res.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((e) => e.path)).toEqual(['body']);
    }
    expect((await post(order.reference, { body: 'x'.repeat(2000) }, alice.cookie)).status).toBe(201);
  });

  it('takes messages through the tracking link, with the booking name, and 404s a wrong token', async () => {
    const guest = await bookOrder(app, { email: 'guest-person@example.com' });
    const res = await trackPost(guest.reference, { token: guest.trackingToken, body: 'Guest question' });
    expect(res.status).toBe(201);
    const sent = (await res.json()) as OrderEvent;
    expect(sent.actor).toEqual({ name: 'John Doe', role: 'customer' });
    const [row] = await app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(eq(repairOrderEvents.id, sent.id));
    expect(row).toMatchObject({
      actor: 'John Doe',
      actorUserId: null,
      actorRole: 'customer',
      visibility: 'customer',
    });
    const tracking = (await (
      await app.request(`/api/track/${guest.reference}?token=${encodeURIComponent(guest.trackingToken)}`)
    ).json()) as CustomerOrder;
    expect(tracking.timeline.at(-1)).toMatchObject({ id: sent.id, message: 'Guest question' });

    for (const [ref, token] of [
      [guest.reference, 'A'.repeat(43)],
      ['RT-222222', guest.trackingToken],
      [guest.reference, order.trackingToken],
    ] as const) {
      const wrong = await trackPost(ref, { token, body: 'hello' });
      expect(wrong.status).toBe(404);
      expect(await wrong.text()).not.toContain('John');
    }
    expect((await trackPost(guest.reference, { body: 'no token' })).status).toBe(422);
    expect((await trackPost(guest.reference, { token: guest.trackingToken, body: '' })).status).toBe(422);
  });

  it(`limits a sender to ${MESSAGES_PER_MINUTE} messages a minute`, async () => {
    const carol = await createUser(app, 'customer', { name: 'Carol Chatty' });
    const own = await bookOrder(app, { cookie: carol.cookie });
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) {
      expect((await post(own.reference, { body: `message ${i}` }, carol.cookie)).status).toBe(201);
    }
    const refused = await post(own.reference, { body: 'one more' }, carol.cookie);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { code: string }).code).toBe('RATE_LIMITED');
  });

  it('gives the next step for every status, in the order view and on the My repairs cards', async () => {
    const own = await bookOrder(app, { cookie: alice.cookie });
    const step = async () =>
      ((await (await get(own.reference, alice.cookie)).json()) as CustomerOrder).nextStep;
    const card = async () => {
      const list = (await (
        await app.request('/api/account/repairs', { headers: { cookie: alice.cookie } })
      ).json()) as {
        items: Array<{ reference: string; nextStep: { key: string }; agreedTotalMinor: number }>;
      };
      return list.items.find((r) => r.reference === own.reference)!;
    };
    expect((await card()).nextStep.key).toBe('bring_device');

    for (const [status, key] of [
      ['received', 'wait_diagnosis'],
      ['diagnosing', 'wait_diagnosing'],
      ['awaiting_approval', 'wait_quote'],
      ['repairing', 'wait_repair'],
      ['quality_check', 'wait_quality_check'],
      ['ready_for_collection', 'collect'],
      ['cancelled', 'cancelled'],
    ] as const) {
      await setOrder(own.orderId, { status });
      expect((await step()).key, status).toBe(key);
    }
    await setOrder(own.orderId, { status: 'ready_for_collection' });
    expect((await step()).shopName).toBe('RevivaTech London');

    // a revised quote waiting for a decision
    await setOrder(own.orderId, { status: 'awaiting_approval', agreedTotalMinor: 12_345 });
    await app.handle.db.insert(repairQuotes).values({
      orderId: own.orderId,
      version: 1,
      lines: [],
      totalMinor: 20_000,
      vatMinor: 3_333,
      currency: 'GBP',
      message: 'The frame is bent too.',
    });
    expect((await step()).key).toBe('approve_quote');
    expect(await card()).toMatchObject({ nextStep: { key: 'approve_quote' }, agreedTotalMinor: 12_345 });

    // collected: the warranty end date
    const ends = new Date('2031-01-02T12:00:00Z');
    await app.handle.db.delete(repairQuotes).where(eq(repairQuotes.orderId, own.orderId));
    await setOrder(own.orderId, { status: 'collected', collectedAt: new Date(), warrantyEndsAt: ends });
    const collected = (await (await get(own.reference, alice.cookie)).json()) as CustomerOrder;
    expect(collected.nextStep).toMatchObject({ key: 'collected', warrantyEndsAt: ends.toISOString() });
    expect(collected.warrantyEndsAt).toBe(ends.toISOString());
    expect(collected.progress).toBe(100);
  });

  it('gives mail-in instructions for a mail-in booking', async () => {
    const res = await app.request('/api/bookings', {
      method: 'POST',
      headers: { cookie: alice.cookie },
      json: {
        modelSlug: 'iphone-15',
        repairSlugs: ['battery'],
        urgency: 'standard',
        service: { type: 'mail_in' },
        customer: { name: 'Alice Owner', email: alice.email },
        paymentMethod: 'collection',
      },
    });
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: string };
    const o = (await (await get(reference, alice.cookie)).json()) as CustomerOrder;
    expect(o.nextStep.key).toBe('post_device');
    expect(o.service.shop).toBeNull();
  });
});
