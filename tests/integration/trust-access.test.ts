/**
 * Issue 13, access: staff without two-factor reach nothing staff-only through the API (only what
 * they need to set it up); an e-mail verification link never signs anyone in; a burst of
 * parallel wrong passwords gets no more checks than the lockout allows; staff write notes and
 * messages only on orders they may change; sign-up does not tell whether an address is
 * registered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents, emailMessages, repairOrderEvents, user } from '@/server/db/schema';
import { secretOf, totp } from '../totp';
import { BACKENDS, cookiesFrom, signIn, signUp, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type TestUser } from './fixtures';

const PASSWORD = 'correct-horse-battery';

describe.each(BACKENDS)('trusting access on $name', (backend) => {
  let app: TestApp;
  // a new database, migrated and seeded: over the default hook timeout on a loaded machine
  beforeAll(async () => {
    app = await startApp(backend);
  }, 300_000);
  afterAll(() => app.close());

  const post = (path: string, json: unknown, cookie = '') =>
    app.request(path, {
      method: 'POST',
      json,
      headers: cookie ? { cookie, origin: app.origin } : { origin: app.origin },
    });
  const codeOf = async (res: Response) => ((await res.json()) as { code?: string }).code;
  const mails = (to: string, template: string) =>
    app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, to), eq(emailMessages.template, template)))
      .orderBy(desc(emailMessages.createdAt));
  const hasSessionCookie = (res: Response) =>
    res.headers.getSetCookie().some((c) => /session_token=[^;]/.test(c));

  /** Turns two-factor on through the API, as the set-up page does. */
  async function setUpTwoFactor(cookie: string): Promise<{ secret: string; cookie: string }> {
    const enabled = await post('/api/auth/two-factor/enable', { password: PASSWORD }, cookie);
    expect(enabled.status, await enabled.clone().text()).toBe(200);
    const secret = secretOf(((await enabled.json()) as { totpURI: string }).totpURI);
    const verified = await post('/api/auth/two-factor/verify-totp', { code: totp(secret) }, cookie);
    expect(verified.status, await verified.clone().text()).toBe(200);
    return { secret, cookie: cookiesFrom(verified, cookie) };
  }

  it('1a: staff without two-factor get 403 TWO_FACTOR_SETUP_REQUIRED from staff routes, and can still set it up', async () => {
    const customer = await createUser(app, 'customer');
    const order = await bookOrder(app, { cookie: customer.cookie });
    const manager = await createUser(app, 'manager', { shopSlug: 'london' });
    const tech = await createUser(app, 'technician', { shopSlug: 'london', twoFactor: false });
    // the order has a passcode on file, assigned to the technician
    expect(
      (await post(`/api/staff/orders/${order.orderId}/assign`, { technicianId: tech.id }, manager.cookie))
        .status,
    ).toBe(200);
    const intake = await post(
      `/api/staff/orders/${order.orderId}/intake`,
      { conditionNotes: 'Scratched', accessories: [], passcodePolicy: 'provided', passcode: '2468' },
      manager.cookie,
    );
    expect(intake.status, await intake.clone().text()).toBe(200);

    const list = await app.request('/api/staff/orders', { headers: { cookie: tech.cookie } });
    expect(list.status).toBe(403);
    const listBody = await list.text();
    expect(JSON.parse(listBody).code).toBe('TWO_FACTOR_SETUP_REQUIRED');
    expect(listBody).not.toContain(customer.email);
    const reveal = await post(`/api/staff/orders/${order.orderId}/passcode/reveal`, {}, tech.cookie);
    expect(reveal.status).toBe(403);
    const revealBody = await reveal.text();
    expect(JSON.parse(revealBody).code).toBe('TWO_FACTOR_SETUP_REQUIRED');
    expect(revealBody).not.toContain('2468');

    // what the set-up needs still works: their own account and sessions, and the set-up itself
    expect((await app.request('/api/account', { headers: { cookie: tech.cookie } })).status).toBe(200);
    expect((await app.request('/api/account/sessions', { headers: { cookie: tech.cookie } })).status).toBe(
      200,
    );
    const { cookie } = await setUpTwoFactor(tech.cookie);
    expect((await app.request('/api/staff/orders', { headers: { cookie } })).status).toBe(200);
    const revealed = await post(`/api/staff/orders/${order.orderId}/passcode/reveal`, {}, cookie);
    expect(revealed.status).toBe(200);
    // and signing out
    const out = await post('/api/auth/sign-out', {}, cookie);
    expect(out.status).toBe(200);
    expect(
      (await app.request('/api/account', { headers: { cookie: cookiesFrom(out, cookie) } })).status,
    ).toBe(401);
  });

  it('1b: opening the verification link of a staff account with two-factor on signs nobody in', async () => {
    const email = `verify.staff.${backend.name}@example.com`;
    const cookie = await signUp(app, email);
    await app.handle.db
      .update(user)
      .set({ role: 'technician', shopSlug: 'london' })
      .where(eq(user.email, email));
    await setUpTwoFactor(cookie);
    const [mail] = await mails(email, 'verification');
    const token = /token=([\w.-]+)/.exec(mail!.text)?.[1];
    expect(token).toBeTruthy();

    // someone else's browser (no cookies) opens the link
    const verify = await app.request(`/api/auth/verify-email?token=${token}`);
    expect(verify.status).toBe(200);
    expect(hasSessionCookie(verify)).toBe(false);
    const jar = cookiesFrom(verify);
    expect((await app.request('/api/staff/orders', { headers: jar ? { cookie: jar } : {} })).status).toBe(
      401,
    );
    // the address is confirmed all the same
    const [row] = await app.handle.db.select().from(user).where(eq(user.email, email));
    expect(row!.emailVerified).toBe(true);
  });

  it('1c: a parallel burst of wrong passwords gets at most 5 checked, and the right one is then refused', async () => {
    const u = await createUser(app, 'customer');
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post('/api/auth/sign-in/email', { email: u.email, password: `wrong-${i}-password` }),
      ),
    );
    expect(burst.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    const rows = await app.handle.db.select().from(auditEvents).where(eq(auditEvents.type, 'sign_in_failed'));
    const checked = rows.filter(
      (r) => r.details.email === u.email && r.details.reason === 'INVALID_EMAIL_OR_PASSWORD',
    );
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(5);

    const right = await post('/api/auth/sign-in/email', { email: u.email, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(await codeOf(right)).toBe('ACCOUNT_LOCKED');
    expect(hasSessionCookie(right)).toBe(false);
  });

  describe('1d: notes and messages follow the rule of every other staff write', () => {
    let techLondon: TestUser;
    let managerManchester: TestUser;
    beforeAll(async () => {
      techLondon = await createUser(app, 'technician', { shopSlug: 'london' });
      managerManchester = await createUser(app, 'manager', { shopSlug: 'manchester' });
    });
    const writes = (orderId: string, who: TestUser) => [
      post(`/api/staff/orders/${orderId}/messages`, { body: 'Your phone is ready' }, who.cookie),
      post(`/api/staff/orders/${orderId}/notes`, { body: 'Ready', visibility: 'customer' }, who.cookie),
      post(`/api/staff/orders/${orderId}/notes`, { body: 'Internal', visibility: 'internal' }, who.cookie),
    ];

    it("refuses a technician on another shop's unassigned order, as a status change is refused", async () => {
      const order = await bookOrder(app, { shop: 'manchester' });
      const status = await post(
        `/api/staff/orders/${order.orderId}/status`,
        { to: 'received' },
        techLondon.cookie,
      );
      expect(status.status).toBe(403);
      for (const res of await Promise.all(writes(order.orderId, techLondon))) {
        expect(res.status).toBe(403);
        expect(await codeOf(res)).toBe('FORBIDDEN');
      }
      const events = await app.handle.db
        .select()
        .from(repairOrderEvents)
        .where(eq(repairOrderEvents.orderId, order.orderId));
      expect(events.filter((e) => e.type === 'note' || e.type === 'message')).toEqual([]);

      // the shop's manager, and the technician once assigned, may write
      for (const res of await Promise.all(writes(order.orderId, managerManchester)))
        expect(res.status).toBe(201);
      const assign = await post(
        `/api/staff/orders/${order.orderId}/assign`,
        { technicianId: techLondon.id },
        managerManchester.cookie,
      );
      expect(assign.status).toBe(200);
      for (const res of await Promise.all(writes(order.orderId, techLondon))) expect(res.status).toBe(201);
    });
  });

  it('14: sign-up answers a registered address exactly as a new one, and e-mails its owner instead', async () => {
    const existing = await createUser(app, 'customer', { name: 'Olivia Owner' });
    const fresh = `fresh.${backend.name}.${Date.now()}@example.com`;
    const attempt = (email: string) =>
      post('/api/auth/sign-up/email', { email, password: 'another-password-123', name: 'Someone Else' });
    const a = await attempt(existing.email);
    const b = await attempt(fresh);
    expect(a.status).toBe(200);
    expect(b.status).toBe(a.status);
    const bodyA = (await a.json()) as { token: unknown; user: Record<string, unknown> };
    const bodyB = (await b.json()) as { token: unknown; user: Record<string, unknown> };
    expect(Object.keys(bodyA).sort()).toEqual(Object.keys(bodyB).sort());
    expect(Object.keys(bodyA.user).sort()).toEqual(Object.keys(bodyB.user).sort());
    expect(bodyA.token).toBe(bodyB.token);
    expect(bodyA.user.email).toBe(existing.email);
    expect(hasSessionCookie(a)).toBe(hasSessionCookie(b));

    const told = await mails(existing.email, 'sign-up-attempt');
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('/sign-in');
    expect(told[0]!.text).toContain('/forgot-password');
    expect(await mails(fresh, 'sign-up-attempt')).toHaveLength(0);
    expect(await mails(fresh, 'verification')).toHaveLength(1);
    // the existing account is untouched: its own password still signs in, the other one does not
    expect((await signIn(app, existing.email, 'another-password-123')).res.status).toBe(401);
    expect((await signIn(app, existing.email, PASSWORD)).res.status).toBe(200);
  });
});
