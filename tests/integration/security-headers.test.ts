import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { bookings, session, user } from '@/server/db/schema';
import { setPaymentConfig } from '@/features/payments/server/config';
import { BACKENDS, bookingBody, signUp, startApp, type TestApp } from './harness';

const FIXED_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(self), geolocation=(self), microphone=(), payment=(self), usb=()',
  'cross-origin-opener-policy': 'same-origin',
};

function expectApiHeaders(res: Response) {
  for (const [name, value] of Object.entries(FIXED_HEADERS)) expect(res.headers.get(name), name).toBe(value);
  expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  // served over plain http without a trusted proxy: no HSTS
  expect(res.headers.get('strict-transport-security')).toBeNull();
}

const CROSS_SITE = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };

describe.each(BACKENDS)('security headers and CSRF on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(async () => {
    setPaymentConfig(null);
    await app.close();
  });

  const bookingCount = async () => (await app.handle.db.select({ n: count() }).from(bookings))[0]!.n;

  it('puts the headers on a 200, a 404, a 422, a 400 from a middleware and a better-auth answer', async () => {
    const ok = await app.request('/api/health');
    expect(ok.status).toBe(200);
    expectApiHeaders(ok);

    const missing = await app.request('/api/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expectApiHeaders(missing);

    const invalid = await app.request('/api/bookings', { method: 'POST', json: { modelSlug: '' } });
    expect(invalid.status).toBe(422);
    expectApiHeaders(invalid);

    // an error answered by the error handler from inside a middleware (the JSON body reader)
    const malformed = await app.request('/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(malformed.status).toBe(400);
    expectApiHeaders(malformed);

    // better-auth answers with its own Response object
    const auth = await app.request('/api/auth/get-session');
    expect(auth.status).toBe(200);
    expectApiHeaders(auth);
  });

  it('gives the API docs page a policy that runs its own scripts only', async () => {
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = csp.split(';').map((d) => d.trim());
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(directives).toContain("default-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a cross-site booking (Origin and Sec-Fetch-Site) and creates nothing', async () => {
    const before = await bookingCount();
    const attempts: Array<Record<string, string>> = [
      CROSS_SITE,
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const res = await app.request('/api/bookings', { method: 'POST', headers, json: bookingBody() });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 403, code: 'CSRF_REJECTED' });
      expectApiHeaders(res);
    }
    expect(await bookingCount()).toBe(before);
  });

  it('takes a same-origin booking, and one without Origin (server-to-server)', async () => {
    const before = await bookingCount();
    const same = await app.request('/api/bookings', {
      method: 'POST',
      headers: { origin: app.origin, 'sec-fetch-site': 'same-origin' },
      json: bookingBody(),
    });
    expect(same.status).toBe(201);
    expectApiHeaders(same);
    const bare = await app.request('/api/bookings', { method: 'POST', json: bookingBody() });
    expect(bare.status).toBe(201);
    expect(await bookingCount()).toBe(before + 2);
  });

  it('refuses a cross-site sign-in (no session made) and sets HttpOnly SameSite=Lax cookies on ours', async () => {
    const email = 'csrf.victim@example.com';
    const password = 'correct-horse-battery';
    await signUp(app, email, password);
    const [u] = await app.handle.db.select().from(user).where(eq(user.email, email));
    const sessions = async () =>
      (await app.handle.db.select({ n: count() }).from(session).where(eq(session.userId, u!.id)))[0]!.n;
    const before = await sessions();

    const evil = await app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: CROSS_SITE,
      json: { email, password },
    });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    expect(evil.headers.getSetCookie()).toEqual([]);
    expect(await sessions()).toBe(before);

    const ours = await app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { origin: app.origin, 'sec-fetch-site': 'same-origin' },
      json: { email, password },
    });
    expect(ours.status).toBe(200);
    expectApiHeaders(ours);
    expect(await sessions()).toBe(before + 1);
    const sessionCookie = ours.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));
    expect(sessionCookie).toBeDefined();
    expect(sessionCookie).toMatch(/;\s*HttpOnly/i);
    expect(sessionCookie).toMatch(/;\s*SameSite=Lax/i);
    // plain http here (no https APP_URL): not Secure, or the browser would drop it
    expect(sessionCookie).not.toMatch(/;\s*Secure/i);
  });

  it('lets a signed provider webhook through from anywhere (it is verified by signature)', async () => {
    const webhookSecret = 'whsec_csrftest';
    setPaymentConfig({
      stripe: { secretKey: 'sk_test_csrf', publishableKey: null, webhookSecret, apiBase: null },
    });
    const body = JSON.stringify({
      id: 'evt_csrf_1',
      object: 'event',
      api_version: '2024-06-20',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'customer.created',
      data: { object: { id: 'cus_1', object: 'customer' } },
    });
    const res = await app.request('/api/payments/webhooks/stripe', {
      method: 'POST',
      headers: {
        ...CROSS_SITE,
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({
          payload: body,
          secret: webhookSecret,
        }),
      },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: 'ignored' });
    expectApiHeaders(res);
  });
});
