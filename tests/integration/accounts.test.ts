import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { bookings, emailMessages, user } from '@/server/db/schema';
import { createAdmin } from '@/features/auth/server/ensure-admin';
import {
  BACKENDS,
  bookingBody,
  cookiesFrom,
  signIn,
  signInStaff,
  signUp,
  startApp,
  type TestApp,
} from './harness';

describe.each(BACKENDS)('accounts on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  async function lastMail(to: string, template: string) {
    const [m] = await app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, to), eq(emailMessages.template, template)))
      .orderBy(desc(emailMessages.createdAt))
      .limit(1);
    return m;
  }
  const tokenIn = (text: string) => /token=([\w.-]+)/.exec(text)?.[1];

  it('signs up, sends a verification e-mail, verifies, and joins earlier guest bookings', async () => {
    const email = 'new.customer@example.com';
    // a guest booking first, with the same address in another case
    const guest = await app.request('/api/bookings', {
      method: 'POST',
      json: bookingBody({ customer: { name: 'New Customer', email: 'New.Customer@Example.com' } }),
    });
    expect(guest.status).toBe(201);
    const { reference } = (await guest.json()) as { reference: string };

    const cookie = await signUp(app, email);
    const me = await app.request('/api/account', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email, emailVerified: false, role: 'customer' });

    const mail = await lastMail(email, 'verification');
    expect(mail?.subject).toMatch(/confirm/i);
    const token = tokenIn(mail!.text);
    expect(token).toBeTruthy();
    expect(mail!.text).toContain(`/verify-email?token=`);

    const verify = await app.request(`/api/auth/verify-email?token=${token}`);
    expect(verify.status).toBe(200);
    const verifiedCookie = cookiesFrom(verify, cookie);
    const after = await app.request('/api/account', { headers: { cookie: verifiedCookie } });
    expect(((await after.json()) as { emailVerified: boolean }).emailVerified).toBe(true);

    const [row] = await app.handle.db.select().from(bookings).where(eq(bookings.reference, reference));
    const [u] = await app.handle.db.select().from(user).where(eq(user.email, email));
    expect(row?.userId).toBe(u?.id);
    const repairs = await app.request('/api/account/repairs', { headers: { cookie: verifiedCookie } });
    const list = (await repairs.json()) as { items: Array<{ reference: string; status: string }> };
    expect(list.items.map((r) => r.reference)).toContain(reference);

    // opening the link again just confirms an already verified address
    const again = await app.request(`/api/auth/verify-email?token=${token}`);
    expect(again.status).toBe(200);
  });

  it('puts a booking made while signed in into the account at once', async () => {
    const cookie = await signUp(app, 'signed.in@example.com');
    const res = await app.request('/api/bookings', {
      method: 'POST',
      headers: { cookie },
      json: bookingBody({ customer: { name: 'Signed In', email: 'someone.else@example.com' } }),
    });
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: string };
    const list = (await (await app.request('/api/account/repairs', { headers: { cookie } })).json()) as {
      items: Array<{ reference: string }>;
    };
    expect(list.items.map((r) => r.reference)).toEqual([reference]);
  });

  it('rejects a forged or expired verification token', async () => {
    const res = await app.request('/api/auth/verify-email?token=not-a-real-token');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('resends the verification link with a cooldown', async () => {
    const email = 'resend@example.com';
    const cookie = await signUp(app, email);
    // sign-up just sent one: too soon
    const tooSoon = await app.request('/api/account/resend-verification', {
      method: 'POST',
      headers: { cookie },
    });
    expect(tooSoon.status).toBe(429);
    expect(((await tooSoon.json()) as { detail: string }).detail).toMatch(/wait \d+ seconds/);
    // a minute later it is allowed
    await app.handle.db
      .update(emailMessages)
      .set({ createdAt: new Date(Date.now() - 61_000) })
      .where(eq(emailMessages.toAddress, email));
    const ok = await app.request('/api/account/resend-verification', { method: 'POST', headers: { cookie } });
    expect(ok.status).toBe(202);
  });

  it('signs in and out, and never says whether an address is registered', async () => {
    await signUp(app, 'signin@example.com');
    const good = await signIn(app, 'signin@example.com');
    expect(good.res.status).toBe(200);
    const wrongPassword = await signIn(app, 'signin@example.com', 'wrong-password-123');
    const unknown = await signIn(app, 'nobody@example.com', 'wrong-password-123');
    expect(wrongPassword.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(await wrongPassword.res.text()).toBe(await unknown.res.text());
    const out = await app.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie: good.cookie },
      json: {},
    });
    expect(out.status).toBe(200);
    const me = await app.request('/api/account', { headers: { cookie: cookiesFrom(out, good.cookie) } });
    expect(me.status).toBe(401);
  });

  it('resets a password end to end', async () => {
    const email = 'forgetful@example.com';
    await signUp(app, email, 'old-password-12345');
    const ask = await app.request('/api/auth/request-password-reset', {
      method: 'POST',
      json: { email, redirectTo: '/reset-password' },
    });
    expect(ask.status).toBe(200);
    const mail = await lastMail(email, 'password-reset');
    const token = tokenIn(mail!.text);
    expect(mail!.text).toContain('/reset-password?token=');
    const reset = await app.request('/api/auth/reset-password', {
      method: 'POST',
      json: { token, newPassword: 'new-password-67890' },
    });
    expect(reset.status).toBe(200);
    expect((await signIn(app, email, 'old-password-12345')).res.status).toBe(401);
    expect((await signIn(app, email, 'new-password-67890')).res.status).toBe(200);
    // the token is single use
    const reuse = await app.request('/api/auth/reset-password', {
      method: 'POST',
      json: { token, newPassword: 'another-password-1' },
    });
    expect(reuse.status).toBe(400);
  });

  it('lets an admin change roles and disable users; a disabled user cannot sign in', async () => {
    await createAdmin(app.handle.db, { email: 'boss@example.com', password: 'admin-password-123' });
    const admin = (await signInStaff(app, 'boss@example.com', 'admin-password-123')).cookie;
    await signUp(app, 'tech@example.com');
    const list = await app.request('/api/admin/users?q=tech%40', { headers: { cookie: admin } });
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: Array<{ id: string; email: string }> };
    const tech = items.find((u) => u.email === 'tech@example.com')!;

    const promote = await app.request(`/api/admin/users/${tech.id}`, {
      method: 'PATCH',
      headers: { cookie: admin },
      json: { role: 'technician', shopSlug: 'london' },
    });
    expect(promote.status).toBe(200);
    expect(await promote.json()).toMatchObject({ role: 'technician', shopSlug: 'london' });

    const techSession = (await signIn(app, 'tech@example.com')).cookie;
    expect((await app.request('/api/admin/users', { headers: { cookie: techSession } })).status).toBe(403);

    const disable = await app.request(`/api/admin/users/${tech.id}`, {
      method: 'PATCH',
      headers: { cookie: admin },
      json: { disabled: true },
    });
    expect(disable.status).toBe(200);
    // existing sessions end at once, and signing in is refused
    expect((await app.request('/api/account', { headers: { cookie: techSession } })).status).toBe(401);
    expect((await signIn(app, 'tech@example.com')).res.status).not.toBe(200);

    const self = (await (await app.request('/api/account', { headers: { cookie: admin } })).json()) as {
      id: string;
    };
    const selfDemote = await app.request(`/api/admin/users/${self.id}`, {
      method: 'PATCH',
      headers: { cookie: admin },
      json: { role: 'customer' },
    });
    expect(selfDemote.status).toBe(422);
    const bad = await app.request(`/api/admin/users/${tech.id}`, {
      method: 'PATCH',
      headers: { cookie: admin },
      json: { role: 'overlord' },
    });
    expect(bad.status).toBe(422);
    expect(
      (
        await app.request('/api/admin/users/nope', {
          method: 'PATCH',
          headers: { cookie: admin },
          json: { disabled: false },
        })
      ).status,
    ).toBe(404);
  });
});
