/**
 * Ratings after collection, on PGlite and PostgreSQL: collecting an order queues exactly one
 * rating request whose link works; the link's GET and POST; one rating per order (409 on the
 * second, and exactly one 201 of a parallel pair); bad, tampered and expired links and orders not
 * collected get one 404; bad input 422 with field messages; the rating row has the order's shop;
 * the shop's staff see it (their order, not another shop's) and on the timeline (another shop's
 * staff do not see the `rated` event); the per-address
 * limit answers 429.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.PUBLIC_RATE_LIMIT = 'on';
  process.env.TRUST_PROXY = 'true';
  process.env.RATE_LIMIT_RATINGS_IP = '6/1h';
  process.env.RATE_LIMIT_BOOKING_IP = '500/1h';
  process.env.RATE_LIMIT_BOOKING_EMAIL = '50/1h';
  process.env.RATE_LIMIT_SIGNUP_IP = '50/1h';
});

import { and, eq } from 'drizzle-orm';
import { emailMessages, repairOrderEvents, repairOrders, repairRatings } from '@/server/db/schema';
import { ratingToken } from '@/features/ratings/server';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

interface RatingView {
  reference: string;
  shopName: string;
  device: string;
  collectedAt: string;
  rating: { score: number; comment: string | null; createdAt: string } | null;
}
interface Problem {
  code: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

const run = randomBytes(3).toString('hex');
let ipCounter = 0;
/** A client address of its own, so only the rate-limit test spends a shared budget. */
function newIp(): string {
  ipCounter += 1;
  const r = randomBytes(2);
  return `10.${r[0]}.${r[1]}.${ipCounter % 250}`;
}

describe.each(BACKENDS)('ratings after collection ($name)', (backend) => {
  let app: TestApp;
  let manager: TestUser;
  let otherManager: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
    otherManager = await createUser(app, 'manager', { shopSlug: 'manchester' });
  }, 60_000);
  afterAll(() => app?.close());

  const tokenOf = (url: string) => decodeURIComponent(new URL(url).pathname.replace(/^\/rate\//, ''));
  const get = (token: string, ip = newIp()) =>
    app.request(`/api/ratings/${encodeURIComponent(token)}`, { headers: { 'x-forwarded-for': ip } });
  const rate = (token: string, json: unknown, ip = newIp()) =>
    app.request(`/api/ratings/${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'x-forwarded-for': ip },
      json,
    });

  /** A booked order made ready, then collected through the staff API (the real status change). */
  async function collected(opts: { email?: string } = {}): Promise<BookedOrder & { email: string }> {
    const email = opts.email ?? `rater-${run}-${randomBytes(3).toString('hex')}@example.com`;
    const o = await bookOrder(app, { shop: 'london', email });
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'ready_for_collection', statusEnteredAt: new Date(), receivedAt: new Date() })
      .where(eq(repairOrders.id, o.orderId));
    const res = await app.request(`/api/staff/orders/${o.orderId}/status`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { to: 'collected' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return { ...o, email };
  }

  async function requestsFor(orderEmail: string) {
    return app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, orderEmail), eq(emailMessages.template, 'rating-request')));
  }

  /** The token in the one rating request e-mailed for this order. */
  async function linkToken(orderEmail: string): Promise<string> {
    const [message] = await requestsFor(orderEmail);
    const url = /https?:\/\/\S+\/rate\/\S+/.exec(message!.text)![0];
    return tokenOf(url);
  }

  it('collecting an order e-mails exactly one rating request whose link shows the repair', async () => {
    const o = await collected();
    const sent = await requestsFor(o.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain(o.reference);
    expect(sent[0]!.dedupeKey).toBe(`rating-request:${o.orderId}`);
    expect(sent[0]!.html).toContain('/rate/');

    const res = await get(await linkToken(o.email));
    expect(res.status, await res.clone().text()).toBe(200);
    const view = (await res.json()) as RatingView;
    expect(view).toMatchObject({ reference: o.reference, shopName: expect.any(String), rating: null });
    expect(view.device).toContain('iPhone 15');
    expect(view.shopName.length).toBeGreaterThan(0);
    const [order] = await app.handle.db.select().from(repairOrders).where(eq(repairOrders.id, o.orderId));
    expect(view.collectedAt).toBe(order!.collectedAt!.toISOString());
  });

  it('undoing the collection withdraws the held-back rating request: it is cancelled, never sent', async () => {
    const o = await collected();
    const [queued] = await requestsFor(o.email);
    expect(queued!.status).toBe('queued');
    const [event] = await app.handle.db
      .select({ id: repairOrderEvents.id })
      .from(repairOrderEvents)
      .where(and(eq(repairOrderEvents.orderId, o.orderId), eq(repairOrderEvents.toStatus, 'collected')));
    const undo = await app.request(`/api/staff/orders/${o.orderId}/status/undo`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { eventId: event!.id },
    });
    expect(undo.status, await undo.clone().text()).toBe(200);
    const after = await requestsFor(o.email);
    expect(after).toHaveLength(1);
    expect(after[0]!.status).toBe('cancelled');
  });

  it('rates once: 201 with the rating, the row has the shop, a second rating is 409', async () => {
    const o = await collected();
    const token = await linkToken(o.email);
    const res = await rate(token, { score: 4, comment: '  Quick and friendly.  ' });
    expect(res.status, await res.clone().text()).toBe(201);
    const view = (await res.json()) as RatingView;
    expect(view.rating).toMatchObject({ score: 4, comment: 'Quick and friendly.' });

    const rows = await app.handle.db.select().from(repairRatings).where(eq(repairRatings.orderId, o.orderId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ shopSlug: 'london', score: 4, comment: 'Quick and friendly.' });

    const again = await rate(token, { score: 1 });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const after = (await (await get(token)).json()) as RatingView;
    expect(after.rating).toMatchObject({ score: 4, comment: 'Quick and friendly.' });

    // the shop sees it: the rating on the order and a `rated` event on its timeline
    const staff = await app.request(`/api/staff/orders/${o.orderId}/rating`, {
      headers: { cookie: manager.cookie },
    });
    expect(staff.status).toBe(200);
    expect(((await staff.json()) as { rating: RatingView['rating'] }).rating).toMatchObject({
      score: 4,
      comment: 'Quick and friendly.',
    });
    const detail = await app.request(`/api/staff/orders/${o.orderId}`, {
      headers: { cookie: manager.cookie },
    });
    const timeline = (
      (await detail.json()) as { timeline: Array<{ type: string; data: unknown; message: string }> }
    ).timeline;
    expect(timeline.filter((e) => e.type === 'rated')).toEqual([
      expect.objectContaining({ data: { score: 4 }, message: 'Quick and friendly.' }),
    ]);
    // another shop's manager does not learn of it
    const other = await app.request(`/api/staff/orders/${o.orderId}/rating`, {
      headers: { cookie: otherManager.cookie },
    });
    expect(other.status).toBe(404);
    // ... nor through the order's timeline, which they may read: no `rated` event there
    const otherDetail = await app.request(`/api/staff/orders/${o.orderId}`, {
      headers: { cookie: otherManager.cookie },
    });
    expect(otherDetail.status).toBe(200);
    const otherTimeline = ((await otherDetail.json()) as { timeline: Array<{ type: string }> }).timeline;
    expect(otherTimeline.map((e) => e.type)).toContain('status_changed');
    expect(otherTimeline.map((e) => e.type)).not.toContain('rated');
    // a signed-out caller neither
    expect((await app.request(`/api/staff/orders/${o.orderId}/rating`)).status).toBe(401);
  });

  it('a parallel double submit stores one rating: exactly one 201 and one 409', async () => {
    const o = await collected();
    const token = await linkToken(o.email);
    const answers = await Promise.all([rate(token, { score: 5 }), rate(token, { score: 2 })]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows = await app.handle.db.select().from(repairRatings).where(eq(repairRatings.orderId, o.orderId));
    expect(rows).toHaveLength(1);
  });

  it('a bad, tampered or expired link and an order not collected: one 404 for all', async () => {
    const o = await collected();
    const token = await linkToken(o.email);
    const [id, expiry, sig] = token.split('.') as [string, string, string];
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    const booked = await bookOrder(app, { shop: 'london' });
    const cases = [
      'nonsense',
      `${id}.${expiry}.${flipped}`,
      // a later expiry with the old signature
      `${id}.${(parseInt(expiry, 36) + 86_400).toString(36)}.${sig}`,
      // signed properly, but expired
      ratingToken(o.orderId, new Date(Date.now() - 1000)),
      // signed properly for an order that is not collected
      ratingToken(booked.orderId, new Date(Date.now() + 86_400_000)),
      'x'.repeat(300),
    ];
    const details = new Set<string>();
    for (const bad of cases) {
      for (const res of [await get(bad), await rate(bad, { score: 3 })]) {
        expect(res.status, bad).toBe(404);
        details.add(((await res.json()) as Problem).detail ?? '');
      }
    }
    expect(details.size).toBe(1);
    expect(
      await app.handle.db.select().from(repairRatings).where(eq(repairRatings.orderId, o.orderId)),
    ).toEqual([]);
  });

  it('bad input is 422 with field messages and stores nothing', async () => {
    const o = await collected();
    const token = await linkToken(o.email);
    const bodies: Array<[unknown, string]> = [
      [{ score: 0 }, 'score'],
      [{ score: 6 }, 'score'],
      [{ score: 2.5 }, 'score'],
      [{ score: '4' }, 'score'],
      [{}, 'score'],
      [{ score: 4, comment: 'nice\u0000' }, 'comment'],
      [{ score: 4, comment: 'bell\u0007' }, 'comment'],
      [{ score: 4, comment: 'a'.repeat(1001) }, 'comment'],
      [{ score: 4, comment: 42 }, 'comment'],
    ];
    for (const [body, field] of bodies) {
      const res = await rate(token, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      const problem = (await res.json()) as Problem;
      expect(problem.errors?.map((e) => e.path)).toContain(field);
    }
    expect(
      await app.handle.db.select().from(repairRatings).where(eq(repairRatings.orderId, o.orderId)),
    ).toEqual([]);
    // exactly 1000 characters is fine (after trimming)
    const ok = await rate(token, { score: 3, comment: ` ${'b'.repeat(1000)} ` });
    expect(ok.status).toBe(201);
  });

  it('a walk-in without an e-mail gets no request; collecting twice still sends one', async () => {
    const tech = await createUser(app, 'technician', { shopSlug: 'london' });
    const walkIn = await app.request('/api/staff/walk-ins', {
      method: 'POST',
      headers: { cookie: tech.cookie, 'idempotency-key': `walk-${run}-${randomBytes(4).toString('hex')}` },
      json: {
        modelSlug: 'iphone-15',
        repairSlugs: ['screen-crack'],
        urgency: 'standard',
        customer: { name: 'Phone Only', phone: '07700 900123' },
        faultDescription: 'Cracked',
        conditionNotes: 'Cracked glass',
        accessories: [],
        passcodePolicy: 'none',
      },
    });
    expect(walkIn.status, await walkIn.clone().text()).toBe(201);
    const { orderId } = (await walkIn.json()) as { orderId: string };
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'ready_for_collection', statusEnteredAt: new Date() })
      .where(eq(repairOrders.id, orderId));
    const res = await app.request(`/api/staff/orders/${orderId}/status`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { to: 'collected' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const ratingMails = await app.handle.db
      .select()
      .from(emailMessages)
      .where(
        and(
          eq(emailMessages.template, 'rating-request'),
          eq(emailMessages.dedupeKey, `rating-request:${orderId}`),
        ),
      );
    expect(ratingMails).toEqual([]);

    // an order collected, moved back and collected again is asked once
    const o = await collected();
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'ready_for_collection', statusEnteredAt: new Date() })
      .where(eq(repairOrders.id, o.orderId));
    const again = await app.request(`/api/staff/orders/${o.orderId}/status`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { to: 'collected' },
    });
    expect(again.status).toBe(200);
    expect(await requestsFor(o.email)).toHaveLength(1);
  });

  it('limits rating requests per client address (429 past the budget)', async () => {
    const o = await collected();
    const token = await linkToken(o.email);
    const ip = newIp();
    const answers = await Promise.all(Array.from({ length: 9 }, () => get(token, ip)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    // the budget is per address: another one still gets through
    expect((await get(token)).status).toBe(200);
  });
});
