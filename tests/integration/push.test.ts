/**
 * Web Push (issue 14, M10) through the API, the queue and the real `web-push` library, against
 * a local push service (push-peer.ts) that answers like a real one and whose requests the test
 * decrypts with the subscription's own keys: sends to a user and a role, scheduled sends and
 * cancelling, retries on 429/5xx, pruning on 410, delivery receipts, stats, and bad input.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { pushDeliveries, pushNotifications, pushSubscriptions } from '@/server/db/schema';
import { startQueue, startWorkers, stopQueue } from '@/server/queue';
import { getSecrets } from '@/server/secrets';
import { queuePushToUsers } from '@/features/notifications/server/push';
import {
  sweepDeliveries,
  sweepNotifications,
} from '@/features/notifications/server/push/sweep-notifications';
import { DOMAIN_WORKERS } from '@/server/entry/workers';
import { BACKENDS, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';
import { decryptPush, startPushPeer, verifyVapid, type PushPeer, type TestBrowser } from './push-peer';

const BASE = '/api/notifications/push';

interface Stats {
  id: string;
  kind: string;
  status: string;
  targeted: number;
  sent: number;
  failed: number;
  delivered: number;
  clicked: number;
  removed: number;
  byRole?: Record<string, Omit<Stats, 'id' | 'kind' | 'status' | 'byRole'>>;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(BACKENDS)('web push on $name', (backend) => {
  let app: TestApp;
  let peer: PushPeer;
  let manager: TestUser;
  let customer: TestUser;

  const call = (who: TestUser | null, path: string, init: RequestInit & { json?: unknown } = {}) =>
    app.request(`${BASE}${path}`, {
      ...init,
      headers: { ...(who ? { cookie: who.cookie } : {}), ...(init.headers as Record<string, string>) },
    });
  const subscribe = async (who: TestUser, b: TestBrowser) => {
    const res = await call(who, '/subscribe', { method: 'POST', json: b.subscription });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const send = async (body: Record<string, unknown>) => {
    const res = await call(manager, '/send', { method: 'POST', json: body });
    expect(res.status, await res.clone().text()).toBe(202);
    return (await res.json()) as {
      id: string;
      status: string;
      scheduledFor: string | null;
      targeted: number;
    };
  };
  const stats = async (id: string) => {
    const res = await call(manager, `/${id}/stats`);
    expect(res.status).toBe(200);
    return (await res.json()) as Stats;
  };
  const settled = (id: string) =>
    until(`notification ${id} settled`, async () => {
      const s = await stats(id);
      return s.status === 'sent' ? s : null;
    });
  const receipt = (deliveryId: string, event: 'delivered' | 'clicked') =>
    app.request(`${BASE}/receipts`, { method: 'POST', json: { deliveryId, event } });

  beforeAll(async () => {
    peer = await startPushPeer();
    app = await startApp(backend);
    await startQueue({
      handle: app.handle,
      config: { retryDelaySeconds: 1, pollingIntervalSeconds: 0.5, retryLimit: 3 },
    });
    // every domain's workers, as the entry registers them (push among them)
    await startWorkers(DOMAIN_WORKERS);
    manager = await createUser(app, 'manager');
    customer = await createUser(app, 'customer');
  });
  afterAll(async () => {
    await stopQueue();
    await app?.close();
    await peer?.stop();
  });

  it('serves the VAPID public key that signs the pushes', async () => {
    const res = await app.request(`${BASE}/key`);
    expect(res.status).toBe(200);
    const { publicKey } = (await res.json()) as { publicKey: string };
    expect(publicKey).toBe(getSecrets().vapid.publicKey);
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
  });

  it('sends to a user through the push service: encrypted aes128gcm, VAPID-signed, with TTL and Urgency; receipts count delivered and clicked', async () => {
    const browser = peer.browser();
    await subscribe(customer, browser);
    const queued = await send({
      userId: customer.id,
      title: 'Your repair is ready',
      body: 'Collect your iPhone 15 from the London shop — £89.00 to pay.',
      url: '/account/repairs/RT-123456',
      icon: '/icons/icon-192.png',
      actions: [{ action: 'open', title: 'Open', url: '/account/repairs/RT-123456' }],
      urgency: 'high',
      ttl: 3600,
    });
    expect(queued).toMatchObject({ status: 'queued', scheduledFor: null, targeted: 1 });

    const [req] = await peer.waitFor(browser);
    expect(req!.headers['content-encoding']).toBe('aes128gcm');
    expect(req!.headers['ttl']).toBe('3600');
    expect(req!.headers['urgency']).toBe('high');
    const { publicKey } = (await (await app.request(`${BASE}/key`)).json()) as { publicKey: string };
    const vapid = verifyVapid(req!.headers['authorization'], peer.origin);
    expect(vapid.publicKey).toBe(publicKey);

    const payload = JSON.parse(decryptPush(req!.body, browser)) as Record<string, unknown>;
    expect(payload).toMatchObject({
      title: 'Your repair is ready',
      body: 'Collect your iPhone 15 from the London shop — £89.00 to pay.',
      url: '/account/repairs/RT-123456',
      icon: '/icons/icon-192.png',
      actions: [{ action: 'open', title: 'Open', url: '/account/repairs/RT-123456' }],
      kind: 'manual',
    });
    const deliveryId = payload.deliveryId as string;
    const [delivery] = await app.handle.db
      .select()
      .from(pushDeliveries)
      .where(eq(pushDeliveries.id, deliveryId));
    expect(delivery).toMatchObject({ notificationId: queued.id, userId: customer.id });

    const sent = await settled(queued.id);
    expect(sent).toMatchObject({ targeted: 1, sent: 1, delivered: 0, clicked: 0, failed: 0, removed: 0 });
    expect((await receipt(deliveryId, 'delivered')).status).toBe(204);
    expect(await stats(queued.id)).toMatchObject({ delivered: 1, clicked: 0 });
    expect((await receipt(deliveryId, 'clicked')).status).toBe(204);
    expect(await stats(queued.id)).toMatchObject({ sent: 1, delivered: 1, clicked: 1 });
    const [sub] = await app.handle.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, browser.endpoint));
    expect(sub!.lastSuccessAt).not.toBeNull();
  });

  it('removes a subscription the push service answers 410 Gone (and counts it removed)', async () => {
    const gone = await createUser(app, 'customer');
    const browser = peer.browser([{ status: 410 }]);
    await subscribe(gone, browser);
    const queued = await send({ userId: gone.id, title: 'Hello', body: 'Are you there?' });
    await peer.waitFor(browser);
    const s = await settled(queued.id);
    expect(s).toMatchObject({ targeted: 1, sent: 0, removed: 1, failed: 0 });
    expect(
      await app.handle.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.endpoint, browser.endpoint)),
    ).toEqual([]);
    // the next send finds no subscription
    expect(await send({ userId: gone.id, title: 'Hello', body: 'Again?' })).toMatchObject({ targeted: 0 });
  });

  it('retries a 429 and a 503 (with Retry-After) through the queue until the push service accepts', async () => {
    const busy = await createUser(app, 'customer');
    const browser = peer.browser([{ status: 429 }, { status: 503, headers: { 'retry-after': '1' } }]);
    await subscribe(busy, browser);
    const queued = await send({ userId: busy.id, title: 'Busy', body: 'Third time lucky' });
    const reqs = await peer.waitFor(browser, 3);
    expect(reqs.map((r) => r.answered)).toEqual([429, 503, 201]);
    const s = await settled(queued.id);
    expect(s).toMatchObject({ sent: 1, failed: 0, removed: 0 });
    const [d] = await app.handle.db
      .select()
      .from(pushDeliveries)
      .where(eq(pushDeliveries.notificationId, queued.id));
    expect(d).toMatchObject({ status: 'sent', attempts: 3 });
    // every try decrypts to the same message
    for (const r of reqs) expect(JSON.parse(decryptPush(r.body, browser))).toMatchObject({ title: 'Busy' });
  });

  it.each([
    [400, 'failed'],
    [413, 'failed'],
    [403, 'removed'],
  ] as const)('does not retry a %i: the delivery is %s', async (status, outcome) => {
    const who = await createUser(app, 'customer');
    const browser = peer.browser([{ status }]);
    await subscribe(who, browser);
    const queued = await send({ userId: who.id, title: 'Nope', body: 'Refused' });
    const s = await settled(queued.id);
    expect(s).toMatchObject({
      sent: 0,
      failed: outcome === 'failed' ? 1 : 0,
      removed: outcome === 'removed' ? 1 : 0,
    });
    expect(peer.requestsFor(browser)).toHaveLength(1);
    const left = await app.handle.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, browser.endpoint));
    // a 403 means the subscription was made for another VAPID key: it can never work again
    expect(left).toHaveLength(outcome === 'removed' ? 0 : 1);
  });

  it('sends to everyone with a role, with stats per role', async () => {
    const techA = await createUser(app, 'technician');
    const techB = await createUser(app, 'technician');
    const a = peer.browser();
    const b = peer.browser([{ status: 404 }]);
    await subscribe(techA, a);
    await subscribe(techB, b);
    const queued = await send({ role: 'technician', title: 'Team meeting', body: 'At 9 in the workshop' });
    expect(queued.targeted).toBe(2);
    await Promise.all([peer.waitFor(a), peer.waitFor(b)]);
    const s = await settled(queued.id);
    expect(s).toMatchObject({ targeted: 2, sent: 1, removed: 1 });
    expect(s.byRole).toEqual({
      technician: { targeted: 2, sent: 1, failed: 0, delivered: 0, clicked: 0, removed: 1 },
    });
    const payload = JSON.parse(decryptPush(peer.requestsFor(a)[0]!.body, a)) as { deliveryId: string };
    expect((await receipt(payload.deliveryId, 'clicked')).status).toBe(204);
    expect((await stats(queued.id)).byRole!.technician).toMatchObject({ delivered: 1, clicked: 1 });
  });

  it('sends a scheduled notification at its time; a cancelled one never goes out', async () => {
    const early = await createUser(app, 'customer');
    const late = await createUser(app, 'customer');
    const bEarly = peer.browser();
    const bLate = peer.browser();
    await subscribe(early, bEarly);
    await subscribe(late, bLate);
    const sendAt = new Date(Date.now() + 4000).toISOString();
    const kept = await send({ userId: early.id, title: 'Reminder', body: 'Your slot is soon', sendAt });
    const dropped = await send({ userId: late.id, title: 'Reminder', body: 'Never sent', sendAt });
    expect(kept).toMatchObject({ status: 'scheduled', scheduledFor: sendAt, targeted: 1 });

    const list = (await (await call(manager, '/scheduled')).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((i) => i.id)).toEqual(expect.arrayContaining([kept.id, dropped.id]));
    const cancelled = await call(manager, `/scheduled/${dropped.id}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ id: dropped.id, status: 'cancelled' });
    // cancelling again answers the same
    expect((await call(manager, `/scheduled/${dropped.id}`, { method: 'DELETE' })).status).toBe(200);
    const after = (await (await call(manager, '/scheduled')).json()) as { items: Array<{ id: string }> };
    expect(after.items.map((i) => i.id)).not.toContain(dropped.id);

    // nothing before its time: the job waits in the queue
    expect(peer.requestsFor(bEarly)).toHaveLength(0);
    const [req] = await peer.waitFor(bEarly);
    expect(JSON.parse(decryptPush(req!.body, bEarly))).toMatchObject({ body: 'Your slot is soon' });
    expect(await settled(kept.id)).toMatchObject({ sent: 1, targeted: 1 });
    // the cancelled one's job was cancelled with it
    const jobs = await app.handle.db.execute<{ state: string }>(
      sql`select state::text as state from pgboss.job where name = 'push-dispatch' and singleton_key = ${dropped.id}`,
    );
    expect((jobs as unknown as { rows: Array<{ state: string }> }).rows.map((r) => r.state)).toEqual([
      'cancelled',
    ]);
    expect(peer.requestsFor(bLate)).toHaveLength(0);
    const [row] = await app.handle.db
      .select()
      .from(pushNotifications)
      .where(eq(pushNotifications.id, dropped.id));
    expect(row!.status).toBe('cancelled');
    // a sent one cannot be cancelled
    const late409 = await call(manager, `/scheduled/${kept.id}`, { method: 'DELETE' });
    expect(late409.status).toBe(409);
  });

  it('records receipts forward-only and once, under a parallel burst', async () => {
    const who = await createUser(app, 'customer');
    const browser = peer.browser();
    await subscribe(who, browser);
    const queued = await send({ userId: who.id, title: 'Burst', body: 'Receipts' });
    const [req] = await peer.waitFor(browser);
    const { deliveryId } = JSON.parse(decryptPush(req!.body, browser)) as { deliveryId: string };
    await settled(queued.id);

    const read = async () =>
      (await app.handle.db.select().from(pushDeliveries).where(eq(pushDeliveries.id, deliveryId)))[0]!;
    // a burst of "delivered" sets the moment once
    const delivered = await Promise.all(Array.from({ length: 12 }, () => receipt(deliveryId, 'delivered')));
    expect(delivered.map((r) => r.status)).toEqual(Array(12).fill(204));
    const first = await read();
    expect(first.deliveredAt).not.toBeNull();
    expect(first.clickedAt).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    await receipt(deliveryId, 'delivered');
    expect((await read()).deliveredAt).toEqual(first.deliveredAt);

    // then a mixed burst: the click is set once, delivery stays as it was
    const burst = await Promise.all(
      Array.from({ length: 24 }, (_, i) => receipt(deliveryId, i % 3 === 0 ? 'clicked' : 'delivered')),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(24).fill(204));
    const clicked = await read();
    expect(clicked.deliveredAt).toEqual(first.deliveredAt);
    expect(clicked.clickedAt).not.toBeNull();
    expect(clicked.clickedAt!.getTime()).toBeGreaterThanOrEqual(first.deliveredAt!.getTime());
    // later reports change nothing
    await new Promise((r) => setTimeout(r, 20));
    await receipt(deliveryId, 'delivered');
    await receipt(deliveryId, 'clicked');
    const again = await read();
    expect(again.deliveredAt).toEqual(first.deliveredAt);
    expect(again.clickedAt).toEqual(clicked.clickedAt);
    expect(await stats(queued.id)).toMatchObject({ sent: 1, delivered: 1, clicked: 1 });

    // a click reported first implies delivery
    const other = await createUser(app, 'customer');
    const b2 = peer.browser();
    await subscribe(other, b2);
    const q2 = await send({ userId: other.id, title: 'Click first', body: 'x' });
    const [r2] = await peer.waitFor(b2);
    const d2 = (JSON.parse(decryptPush(r2!.body, b2)) as { deliveryId: string }).deliveryId;
    expect((await receipt(d2, 'clicked')).status).toBe(204);
    expect((await receipt(d2, 'delivered')).status).toBe(204);
    expect(await stats(q2.id)).toMatchObject({ delivered: 1, clicked: 1 });
  });

  it('moves an endpoint subscribed again to the new caller (200), and unsubscribes only my own', async () => {
    const first = await createUser(app, 'customer');
    const second = await createUser(app, 'customer');
    const browser = peer.browser();
    const id = await subscribe(first, browser);
    const again = await call(second, '/subscribe', { method: 'POST', json: browser.subscription });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id });
    const [row] = await app.handle.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id));
    expect(row!.userId).toBe(second.id);

    // the first user no longer has it: 404, and it stays
    const notMine = await call(first, '/unsubscribe', {
      method: 'POST',
      json: { endpoint: browser.endpoint },
    });
    expect(notMine.status).toBe(404);
    const mine = await call(second, '/unsubscribe', { method: 'POST', json: { endpoint: browser.endpoint } });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual({ removed: true });
    expect(await app.handle.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id))).toEqual(
      [],
    );
  });

  it('queuePushToUsers stores and sends inside the caller’s transaction, and returns null without subscriptions', async () => {
    const who = await createUser(app, 'customer');
    const nobody = await createUser(app, 'customer');
    const browser = peer.browser();
    await subscribe(who, browser);
    const db = app.handle.db;
    expect(
      await db.transaction((tx) =>
        queuePushToUsers(tx, { userIds: [nobody.id], kind: 'quote_ready', title: 't', body: 'b' }),
      ),
    ).toBeNull();
    // rolled back: nothing stored, nothing sent
    await expect(
      db.transaction(async (tx) => {
        await queuePushToUsers(tx, {
          userIds: [who.id],
          kind: 'quote_ready',
          title: 'Rolled back',
          body: 'b',
        });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const queued = await db.transaction((tx) =>
      queuePushToUsers(tx, {
        userIds: [who.id, nobody.id, who.id],
        kind: 'quote_ready',
        title: 'Quote to approve',
        body: 'RT-654321: £120.00',
        url: '/account/repairs/RT-654321',
        tag: 'quote-RT-654321',
      }),
    );
    expect(queued).toMatchObject({ targeted: 1 });
    const [req] = await peer.waitFor(browser);
    expect(JSON.parse(decryptPush(req!.body, browser))).toMatchObject({
      title: 'Quote to approve',
      kind: 'quote_ready',
      tag: 'quote-RT-654321',
      url: '/account/repairs/RT-654321',
    });
    expect(await settled(queued!.notificationId)).toMatchObject({ kind: 'quote_ready', sent: 1 });
    expect(peer.requestsFor(browser)).toHaveLength(1);
  });

  it('the sweep picks up a notification and a delivery whose jobs were lost', async () => {
    const who = await createUser(app, 'customer');
    const browser = peer.browser();
    const subscriptionId = await subscribe(who, browser);
    const db = app.handle.db;
    const longAgo = new Date(Date.now() - 3600_000);
    // stored while no queue ran: queued, with its delivery, and no dispatch job
    const [lost] = await db
      .insert(pushNotifications)
      .values({
        kind: 'manual',
        targetUserId: who.id,
        title: 'Lost',
        body: 'dispatch',
        ttl: 60,
        status: 'queued',
        targeted: 1,
        createdAt: longAgo,
      })
      .returning();
    await db
      .insert(pushDeliveries)
      .values({ notificationId: lost!.id, subscriptionId, userId: who.id, userRole: 'customer' });
    // dispatched, but its send job is gone
    const [orphan] = await db
      .insert(pushNotifications)
      .values({
        kind: 'manual',
        targetUserId: who.id,
        title: 'Orphan',
        body: 'send',
        ttl: 60,
        status: 'sending',
        targeted: 1,
      })
      .returning();
    await db.insert(pushDeliveries).values({
      notificationId: orphan!.id,
      subscriptionId,
      userId: who.id,
      userRole: 'customer',
      updatedAt: longAgo,
    });

    // (the every-minute sweep may have run first: count the jobs, not who made them)
    await sweepNotifications(db);
    await sweepDeliveries(db);
    // nothing twice: both now have a live job
    expect(await sweepNotifications(db)).toBe(0);
    expect(await sweepDeliveries(db)).toBe(0);
    const [delivery] = await db
      .select()
      .from(pushDeliveries)
      .where(eq(pushDeliveries.notificationId, orphan!.id));
    const jobs = await db.execute<{ name: string }>(
      sql`select name from pgboss.job where singleton_key in (${lost!.id}, ${delivery!.id}) order by name`,
    );
    expect((jobs as unknown as { rows: Array<{ name: string }> }).rows.map((r) => r.name)).toEqual([
      'push-dispatch',
      'push-send',
    ]);
    const reqs = await peer.waitFor(browser, 2);
    expect(
      reqs.map((r) => (JSON.parse(decryptPush(r.body, browser)) as { title: string }).title).sort(),
    ).toEqual(['Lost', 'Orphan']);
    expect(await settled(lost!.id)).toMatchObject({ sent: 1 });
    expect(await settled(orphan!.id)).toMatchObject({ sent: 1 });
  });

  describe('bad input gets a clear 4xx', () => {
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.generateKeys();
    const p256 = ecdh.getPublicKey().toString('base64url');
    const good = () => ({
      endpoint: 'https://push.example/send/abc',
      expirationTime: null,
      keys: { p256dh: p256, auth: crypto.randomBytes(16).toString('base64url') },
    });
    const badSubscriptions: Array<[string, unknown, string]> = [
      ['not a URL', { ...good(), endpoint: 'push service' }, 'endpoint'],
      ['an http: endpoint', { ...good(), endpoint: 'http://127.0.0.1:9/push/x' }, 'endpoint'],
      [
        'an endpoint over 2048 characters',
        { ...good(), endpoint: `https://push.example/${'a'.repeat(2050)}` },
        'endpoint',
      ],
      [
        'p256dh of 64 bytes',
        { ...good(), keys: { ...good().keys, p256dh: Buffer.alloc(64, 4).toString('base64url') } },
        'keys.p256dh',
      ],
      [
        'p256dh not base64url',
        { ...good(), keys: { ...good().keys, p256dh: `${p256.slice(0, 80)}!!!!!!!` } },
        'keys.p256dh',
      ],
      [
        'p256dh off the curve',
        {
          ...good(),
          keys: {
            ...good().keys,
            p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'),
          },
        },
        'keys.p256dh',
      ],
      [
        'auth of 15 bytes',
        { ...good(), keys: { ...good().keys, auth: Buffer.alloc(15).toString('base64url') } },
        'keys.auth',
      ],
      ['no keys', { endpoint: good().endpoint }, 'keys'],
    ];
    it.each(badSubscriptions)('subscribe with %s: 422 naming the field', async (_label, body, field) => {
      const res = await call(customer, '/subscribe', { method: 'POST', json: body });
      expect(res.status).toBe(422);
      const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
      expect(problem.errors.map((e) => e.path)).toContain(field);
    });

    it('unsubscribe from an unknown endpoint: 404', async () => {
      const res = await call(customer, '/unsubscribe', {
        method: 'POST',
        json: { endpoint: 'https://push.example/never-subscribed' },
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
    });

    it('send by a customer or a technician: 403; signed out: 401', async () => {
      const tech = await createUser(app, 'technician');
      const body = { userId: customer.id, title: 't', body: 'b' };
      expect((await call(customer, '/send', { method: 'POST', json: body })).status).toBe(403);
      expect((await call(tech, '/send', { method: 'POST', json: body })).status).toBe(403);
      expect((await call(null, '/send', { method: 'POST', json: body })).status).toBe(401);
    });

    const future = () => new Date(Date.now() + 3600_000).toISOString();
    const badSends: Array<[string, Record<string, unknown>, string]> = [
      ['both userId and role', { role: 'customer', title: 't', body: 'b' }, 'role'],
      ['neither userId nor role', { title: 't', body: 'b' }, 'userId'],
      ['an unknown role', { role: 'owner', title: 't', body: 'b' }, 'role'],
      ['an empty title', { role: 'customer', title: ' ', body: 'b' }, 'title'],
      ['a title over 120', { role: 'customer', title: 'x'.repeat(121), body: 'b' }, 'title'],
      ['a body over 500', { role: 'customer', title: 't', body: 'x'.repeat(501) }, 'body'],
      [
        'a link to another site',
        { role: 'customer', title: 't', body: 'b', url: 'https://evil.example/' },
        'url',
      ],
      [
        'a protocol-relative link',
        { role: 'customer', title: 't', body: 'b', url: '//evil.example/x' },
        'url',
      ],
      ['an icon elsewhere', { role: 'customer', title: 't', body: 'b', icon: 'javascript:alert(1)' }, 'icon'],
      [
        'three actions',
        {
          role: 'customer',
          title: 't',
          body: 'b',
          actions: [1, 2, 3].map((i) => ({ action: `a${i}`, title: 'x' })),
        },
        'actions',
      ],
      ['an unknown urgency', { role: 'customer', title: 't', body: 'b', urgency: 'urgent' }, 'urgency'],
      ['a TTL over 4 weeks', { role: 'customer', title: 't', body: 'b', ttl: 2_419_201 }, 'ttl'],
      ['a negative TTL', { role: 'customer', title: 't', body: 'b', ttl: -1 }, 'ttl'],
      [
        'sendAt in the past',
        { role: 'customer', title: 't', body: 'b', sendAt: '2020-01-01T00:00:00Z' },
        'sendAt',
      ],
      ['sendAt not a date', { role: 'customer', title: 't', body: 'b', sendAt: 'tomorrow' }, 'sendAt'],
    ];
    it.each(badSends)('send with %s: 422 naming the field', async (_label, body, field) => {
      const json =
        field === 'role' && !('role' in body && body.role === 'owner')
          ? { ...body, userId: customer.id }
          : body;
      const res = await call(manager, '/send', { method: 'POST', json });
      expect(res.status).toBe(422);
      const problem = (await res.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((e) => e.path.split('.')[0])).toContain(field);
    });

    it('a send larger than 3 KB once encoded: 413 with a field message; nothing stored', async () => {
      const before = await app.handle.db.select({ n: sql<number>`count(*)::int` }).from(pushNotifications);
      const res = await call(manager, '/send', {
        method: 'POST',
        json: {
          role: 'customer',
          title: '🔧'.repeat(120),
          body: '📱'.repeat(500),
          url: `/account/${'a'.repeat(900)}`,
          sendAt: future(),
        },
      });
      expect(res.status).toBe(413);
      const problem = (await res.json()) as {
        code: string;
        errors: Array<{ path: string; message: string }>;
      };
      expect(problem.code).toBe('PAYLOAD_TOO_LARGE');
      expect(problem.errors[0]).toMatchObject({ path: 'body', message: expect.stringMatching(/3072/) });
      const after = await app.handle.db.select({ n: sql<number>`count(*)::int` }).from(pushNotifications);
      expect(after[0]!.n).toBe(before[0]!.n);
    });

    it('a send to a user without subscriptions: 202 with targeted 0; to an unknown user: 422', async () => {
      const lonely = await createUser(app, 'customer');
      expect(await send({ userId: lonely.id, title: 't', body: 'b' })).toMatchObject({
        status: 'queued',
        targeted: 0,
      });
      const res = await call(manager, '/send', {
        method: 'POST',
        json: { userId: 'no-such-user', title: 't', body: 'b' },
      });
      expect(res.status).toBe(422);
    });

    it('NUL bytes in a title or an endpoint: 422', async () => {
      const res = await call(manager, '/send', {
        method: 'POST',
        json: { role: 'customer', title: 'a\u0000b', body: 'b' },
      });
      expect(res.status).toBe(422);
      const sub = await call(customer, '/subscribe', {
        method: 'POST',
        json: { ...good(), endpoint: 'https://push.example/a\u0000b' },
      });
      expect(sub.status).toBe(422);
    });

    it('receipts, stats and cancel for unknown ids: 404; ids that are not UUIDs: 422', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await receipt(unknown, 'delivered')).status).toBe(404);
      expect((await receipt('not-a-uuid', 'delivered')).status).toBe(422);
      expect(
        (
          await app.request(`${BASE}/receipts`, {
            method: 'POST',
            json: { deliveryId: unknown, event: 'opened' },
          })
        ).status,
      ).toBe(422);
      expect((await call(manager, `/${unknown}/stats`)).status).toBe(404);
      expect((await call(manager, '/nope/stats')).status).toBe(422);
      expect((await call(manager, `/scheduled/${unknown}`, { method: 'DELETE' })).status).toBe(404);
    });
  });
});
