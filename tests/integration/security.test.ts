/**
 * Sign-in security through the HTTP API: account lockout (wrong passwords, wrong TOTP codes;
 * unlock by time and by an admin; the e-mail; no hint whether an address is registered),
 * two-factor sign-in (TOTP, single-use backup codes, trusted devices, staff cannot turn it off),
 * the security monitor (step-up by e-mailed code, block with alerts) and their audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, like, sql } from 'drizzle-orm';
import {
  auditEvents,
  authLockouts,
  emailMessages,
  knownNetworks,
  securityEvents,
  session,
  verification,
} from '@/server/db/schema';
import { createAdmin } from '@/features/auth/server/ensure-admin';
import { secretOf, totp } from '../totp';
import { BACKENDS, cookiesFrom, signInStaff, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';

const PASSWORD = 'correct-horse-battery';

describe.each(BACKENDS)('sign-in security on $name', (backend) => {
  let app: TestApp;
  let admin: { id: string; email: string; cookie: string };

  beforeAll(async () => {
    app = await startApp(backend);
    const email = `security.admin.${backend.name}@example.com`;
    await createAdmin(app.handle.db, { email, password: 'security-admin-password' });
    const signedIn = await signInStaff(app, email, 'security-admin-password');
    const me = await app.request('/api/account', { headers: { cookie: signedIn.cookie } });
    admin = { id: ((await me.json()) as { id: string }).id, email, cookie: signedIn.cookie };
    // a new database, migrated and seeded: over the default hook timeout on a loaded machine
  }, 300_000);
  afterAll(() => app.close());

  function post(path: string, json: unknown, cookie = '') {
    return app.request(`/api/auth${path}`, {
      method: 'POST',
      json,
      headers: cookie ? { cookie, origin: app.origin } : { origin: app.origin },
    });
  }
  async function mails(to: string, template: string) {
    return app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, to), eq(emailMessages.template, template)))
      .orderBy(desc(emailMessages.createdAt));
  }
  async function auditRows(type: string, targetId: string) {
    return app.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.type, type), eq(auditEvents.targetId, targetId)));
  }
  async function signedInAs(cookie: string): Promise<string | null> {
    const res = await app.request('/api/account', { headers: { cookie } });
    return res.status === 200 ? ((await res.json()) as { email: string }).email : null;
  }
  /** Turns two-factor on through the API, as the set-up page does; returns the secret. */
  async function enableTwoFactor(
    u: TestUser,
  ): Promise<{ secret: string; backupCodes: string[]; cookie: string }> {
    const enabled = await post('/two-factor/enable', { password: PASSWORD }, u.cookie);
    expect(enabled.status, await enabled.clone().text()).toBe(200);
    const { totpURI, backupCodes } = (await enabled.json()) as { totpURI: string; backupCodes: string[] };
    const secret = secretOf(totpURI);
    const verified = await post('/two-factor/verify-totp', { code: totp(secret) }, u.cookie);
    expect(verified.status, await verified.clone().text()).toBe(200);
    return { secret, backupCodes, cookie: cookiesFrom(verified, u.cookie) };
  }
  /** Password step of a sign-in with a fresh browser (or `jar`): the challenge cookie and body. */
  async function passwordStep(email: string, jar = '') {
    const res = await post('/sign-in/email', { email, password: PASSWORD }, jar);
    return { res, body: (await res.json()) as Record<string, unknown>, jar: cookiesFrom(res, jar) };
  }

  describe('lockout', () => {
    it('locks an account after 5 wrong passwords, tells when to retry, e-mails the owner, and answers an unknown address the same way', async () => {
      const u = await createUser(app, 'customer');
      const unknown = `nobody-${Date.now()}@example.com`;
      const statuses = { known: [] as number[], unknown: [] as number[] };
      let lockedBody: Record<string, unknown> = {};
      let unknownBody: Record<string, unknown> = {};
      for (let i = 0; i < 5; i++) {
        const a = await post('/sign-in/email', { email: u.email, password: 'wrong-password-1' });
        statuses.known.push(a.status);
        if (a.status === 429) lockedBody = (await a.json()) as Record<string, unknown>;
        const b = await post('/sign-in/email', { email: unknown, password: 'wrong-password-1' });
        statuses.unknown.push(b.status);
        if (b.status === 429) unknownBody = (await b.json()) as Record<string, unknown>;
      }
      expect(statuses.known).toEqual([401, 401, 401, 401, 429]);
      expect(statuses.unknown).toEqual(statuses.known);
      expect(lockedBody.code).toBe('ACCOUNT_LOCKED');
      expect(lockedBody.message).toMatch(/try again in 15 minutes/);
      expect(new Date(String(lockedBody.retryAt)).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
      expect(Object.keys(unknownBody).sort()).toEqual(Object.keys(lockedBody).sort());
      expect(unknownBody.message).toBe(lockedBody.message);

      // the right password does not get in while locked
      const right = await post('/sign-in/email', { email: u.email, password: PASSWORD });
      expect(right.status).toBe(429);
      expect(right.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(
        right.headers
          .getSetCookie()
          .some((c) => c.includes('session_token=') && !c.includes('session_token=;')),
      ).toBe(false);

      const locked = await mails(u.email, 'account-locked');
      expect(locked).toHaveLength(1);
      expect(locked[0]!.text).toContain('try again in 15 minutes');
      expect(await mails(unknown, 'account-locked')).toHaveLength(0);
      expect(await auditRows('account_locked', u.id)).toHaveLength(1);
    });

    it('unlocks by time, and locks for longer the next time', async () => {
      const u = await createUser(app, 'customer');
      for (let i = 0; i < 5; i++)
        await post('/sign-in/email', { email: u.email, password: 'wrong-password-2' });
      expect((await post('/sign-in/email', { email: u.email, password: PASSWORD })).status).toBe(429);
      // the 15 minutes pass
      await app.handle.db
        .update(authLockouts)
        .set({ lockedUntil: sql`now() - interval '1 second'` })
        .where(eq(authLockouts.subject, u.email.toLowerCase()));
      const ok = await post('/sign-in/email', { email: u.email, password: PASSWORD });
      expect(ok.status).toBe(200);
      // a second lock the same day lasts twice as long
      for (let i = 0; i < 5; i++)
        await post('/sign-in/email', { email: u.email, password: 'wrong-password-2' });
      const again = await post('/sign-in/email', { email: u.email, password: PASSWORD });
      expect(again.status).toBe(429);
      expect(((await again.json()) as { message: string }).message).toMatch(/try again in 30 minutes/);
    });

    it('lets an admin see and lift a lock', async () => {
      const u = await createUser(app, 'technician', { shopSlug: 'london' });
      for (let i = 0; i < 5; i++)
        await post('/sign-in/email', { email: u.email, password: 'wrong-password-3' });
      const listed = await app.request(`/api/admin/users?q=${encodeURIComponent(u.email)}`, {
        headers: { cookie: admin.cookie },
      });
      const row = ((await listed.json()) as { items: Array<{ id: string; lockedUntil: string | null }> })
        .items[0]!;
      expect(row.id).toBe(u.id);
      expect(row.lockedUntil).not.toBeNull();

      const byStaff = await app.request(`/api/admin/users/${u.id}/unlock`, {
        method: 'POST',
        headers: { cookie: u.cookie, origin: app.origin },
      });
      expect(byStaff.status).toBe(403);
      const unlocked = await app.request(`/api/admin/users/${u.id}/unlock`, {
        method: 'POST',
        headers: { cookie: admin.cookie, origin: app.origin },
      });
      expect(unlocked.status).toBe(200);
      expect(await unlocked.json()).toEqual({ userId: u.id, wasLocked: true });
      const rows = await auditRows('account_unlocked', u.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.actorUserId).toBe(admin.id);
      expect((await post('/sign-in/email', { email: u.email, password: PASSWORD })).status).toBe(200);

      const missing = await app.request('/api/admin/users/no-such-user/unlock', {
        method: 'POST',
        headers: { cookie: admin.cookie, origin: app.origin },
      });
      expect(missing.status).toBe(404);
    });

    it('locks after 5 wrong authenticator codes; the right code then waits for the lock too', async () => {
      const u = await createUser(app, 'customer');
      const { secret } = await enableTwoFactor(u);
      const step = await passwordStep(u.email);
      expect(step.body.twoFactorRedirect).toBe(true);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const wrong = String((Number(totp(secret)) + 1 + i) % 1_000_000).padStart(6, '0');
        statuses.push((await post('/two-factor/verify-totp', { code: wrong }, step.jar)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const right = await post('/two-factor/verify-totp', { code: totp(secret) }, step.jar);
      expect(right.status).toBe(429);
      expect(((await right.json()) as { code: string }).code).toBe('ACCOUNT_LOCKED');
      expect(await mails(u.email, 'account-locked')).toHaveLength(1);
      const locked = await auditRows('account_locked', u.id);
      expect(locked.map((r) => r.details.after)).toEqual(['totp']);
    });
  });

  it('records the caller’s own address, not one a client claims in a header', async () => {
    const u = await createUser(app, 'customer');
    const res = await app.request('/api/auth/sign-in/email', {
      method: 'POST',
      json: { email: u.email, password: PASSWORD },
      headers: { origin: app.origin, 'x-forwarded-for': '6.6.6.6', 'x-revivatech-client-ip': '6.6.6.6' },
    });
    expect(res.status).toBe(200);
    const [row] = await app.handle.db
      .select({ ip: session.ipAddress })
      .from(session)
      .where(eq(session.userId, u.id))
      .orderBy(desc(session.createdAt))
      .limit(1);
    expect(row!.ip).toBe('127.0.0.1');
    const [event] = await app.handle.db
      .select({ ip: securityEvents.ip })
      .from(securityEvents)
      .where(eq(securityEvents.userId, u.id));
    expect(event!.ip).toMatch(/127\.0\.0\.1$/);
  });

  describe('two-factor sign-in', () => {
    it('signs in with a TOTP, once with each backup code, and skips the challenge on a trusted device', async () => {
      const u = await createUser(app, 'customer');
      const { secret, backupCodes } = await enableTwoFactor(u);
      expect(backupCodes).toHaveLength(10);
      expect(await auditRows('two_factor_enabled', u.id)).toHaveLength(1);

      // password alone is not enough
      const first = await passwordStep(u.email);
      expect(first.body).toMatchObject({ twoFactorRedirect: true });
      expect(await signedInAs(first.jar)).toBeNull();
      const byTotp = await post('/two-factor/verify-totp', { code: totp(secret) }, first.jar);
      expect(byTotp.status).toBe(200);
      expect(await signedInAs(cookiesFrom(byTotp, first.jar))).toBe(u.email);

      // a backup code works once
      const second = await passwordStep(u.email);
      const byBackup = await post('/two-factor/verify-backup-code', { code: backupCodes[0] }, second.jar);
      expect(byBackup.status).toBe(200);
      expect(await signedInAs(cookiesFrom(byBackup, second.jar))).toBe(u.email);
      const third = await passwordStep(u.email);
      const reused = await post('/two-factor/verify-backup-code', { code: backupCodes[0] }, third.jar);
      expect(reused.status).toBe(401);
      expect(await auditRows('two_factor_backup_code_used', u.id)).toHaveLength(1);

      // trust this device: the next sign-in in this browser skips the challenge
      const fourth = await passwordStep(u.email);
      const trusted = await post(
        '/two-factor/verify-totp',
        { code: totp(secret), trustDevice: true },
        fourth.jar,
      );
      expect(trusted.status).toBe(200);
      const browser = cookiesFrom(trusted, fourth.jar);
      const fifth = await passwordStep(u.email, browser);
      expect(fifth.body.twoFactorRedirect).toBeUndefined();
      expect(await signedInAs(fifth.jar)).toBe(u.email);
      // …and another browser still gets it
      expect((await passwordStep(u.email)).body.twoFactorRedirect).toBe(true);

      const methods = (await auditRows('sign_in_succeeded', u.id)).map((r) => r.details.method);
      // the first: the sign-in after sign-up (createUser signs in, as the sign-up form does)
      expect(methods).toEqual(['password', 'totp', 'backup_code', 'totp', 'password']);
      expect((await auditRows('sign_in_succeeded', u.id)).every((r) => r.actorUserId === u.id)).toBe(true);
    });

    it('lets a customer turn two-factor off with their password, but not staff while it is required', async () => {
      const customer = await createUser(app, 'customer');
      const c = await enableTwoFactor(customer);
      const wrong = await post('/two-factor/disable', { password: 'not-my-password' }, c.cookie);
      expect(wrong.status).toBe(400);
      const off = await post('/two-factor/disable', { password: PASSWORD }, c.cookie);
      expect(off.status).toBe(200);
      expect(await auditRows('two_factor_disabled', customer.id)).toHaveLength(1);
      expect((await passwordStep(customer.email)).body.twoFactorRedirect).toBeUndefined();

      const tech = await createUser(app, 'technician', { shopSlug: 'london' });
      const t = await enableTwoFactor(tech);
      const refused = await post('/two-factor/disable', { password: PASSWORD }, t.cookie);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe('TWO_FACTOR_REQUIRED');
      expect(await auditRows('two_factor_disabled', tech.id)).toHaveLength(0);

      const regenerated = await post('/two-factor/generate-backup-codes', { password: PASSWORD }, t.cookie);
      expect(regenerated.status).toBe(200);
      expect(((await regenerated.json()) as { backupCodes: string[] }).backupCodes).toHaveLength(10);
      expect(await auditRows('two_factor_backup_codes_regenerated', tech.id)).toHaveLength(1);
    });
  });

  describe('security monitor', () => {
    /** Makes this user's past sign-ins look like they all happened 12 hours of the day away from now. */
    async function historyAtOtherHours(userId: string) {
      await app.handle.db.delete(securityEvents).where(eq(securityEvents.userId, userId));
      for (let d = 1; d <= 6; d++) {
        await app.handle.db.insert(securityEvents).values({
          occurredAt: new Date(Date.now() - d * 24 * 3600_000 + 12 * 3600_000 - 24 * 3600_000),
          userId,
          score: 0,
          factors: [],
          decision: 'allow',
          outcome: 'signed_in',
        });
      }
    }
    function codeIn(text: string): string {
      const match = /^\s*(\d{6})\s*$/m.exec(text);
      expect(match, text).not.toBeNull();
      return match![1]!;
    }

    it('asks for an e-mailed code when a new device signs in at an unusual hour', async () => {
      const u = await createUser(app, 'customer');
      const usual = await passwordStep(u.email);
      expect(await signedInAs(usual.jar)).toBe(u.email);
      await historyAtOtherHours(u.id);

      const risky = await passwordStep(u.email); // a new browser: no device cookie
      expect(risky.res.status).toBe(200);
      expect(risky.body).toEqual({ stepUp: true, method: 'email' });
      expect(await signedInAs(risky.jar)).toBeNull();
      const [event] = await app.handle.db
        .select()
        .from(securityEvents)
        .where(eq(securityEvents.userId, u.id))
        .orderBy(desc(securityEvents.id))
        .limit(1);
      expect(event!.decision).toBe('step_up');
      expect(event!.factors.map((f) => f.code).sort()).toEqual(['new_device', 'unusual_hour']);
      expect(event!.score).toBe(55);

      const [mail] = await mails(u.email, 'sign-in-code');
      const code = codeIn(mail!.text);
      const wrongCode = code === '000000' ? '111111' : '000000';
      const wrong = await post('/security/step-up', { code: wrongCode }, risky.jar);
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as { code: string }).code).toBe('INVALID_CODE');
      const ok = await post('/security/step-up', { code }, risky.jar);
      expect(ok.status).toBe(200);
      const jar = cookiesFrom(ok, risky.jar);
      expect(await signedInAs(jar)).toBe(u.email);
      // the code works once
      expect((await post('/security/step-up', { code }, risky.jar)).status).toBe(401);
      const [passed] = await app.handle.db
        .select({ outcome: securityEvents.outcome })
        .from(securityEvents)
        .where(eq(securityEvents.id, event!.id));
      expect(passed!.outcome).toBe('step_up_passed');
      const signIns = await auditRows('sign_in_succeeded', u.id);
      // the sign-in after sign-up (createUser), the usual one, then the stepped-up one
      expect(signIns.map((r) => r.details.method)).toEqual(['password', 'password', 'email_code']);

      // that device is known now: the same browser signs straight in
      const again = await passwordStep(u.email, jar);
      expect(again.body.stepUp).toBeUndefined();
      expect(await signedInAs(again.jar)).toBe(u.email);
    });

    it('blocks a sign-in that scores too high, and alerts the user and the admins', async () => {
      const u = await createUser(app, 'customer');
      await passwordStep(u.email);
      await historyAtOtherHours(u.id);
      await app.handle.db
        .update(knownNetworks)
        .set({ ipPrefix: '198.51.100.0/24' })
        .where(eq(knownNetworks.userId, u.id));
      await post('/sign-in/email', { email: u.email, password: 'wrong-password-4' });

      const blocked = await passwordStep(u.email);
      expect(blocked.res.status).toBe(403);
      expect(blocked.body.code).toBe('SIGN_IN_BLOCKED');
      expect(await signedInAs(blocked.jar)).toBeNull();
      expect(await mails(u.email, 'security-alert')).toHaveLength(1);
      const adminAlerts = await mails(admin.email, 'security-alert');
      expect(adminAlerts.some((m) => m.text.includes(u.email))).toBe(true);
      expect(await auditRows('sign_in_blocked', u.id)).toHaveLength(1);

      const list = await app.request(
        `/api/admin/security-events?q=${encodeURIComponent(u.email)}&decision=block`,
        {
          headers: { cookie: admin.cookie },
        },
      );
      expect(list.status).toBe(200);
      const items = (
        (await list.json()) as { items: Array<{ score: number; factors: Array<{ code: string }> }> }
      ).items;
      expect(items).toHaveLength(1);
      expect(items[0]!.score).toBe(90);
      expect(items[0]!.factors.map((f) => f.code)).toEqual([
        'new_device',
        'new_network',
        'unusual_hour',
        'failed_attempts',
      ]);
      const asCustomer = await app.request('/api/admin/security-events', { headers: { cookie: u.cookie } });
      expect(asCustomer.status).toBe(403);
      const bad = await app.request('/api/admin/security-events?decision=maybe', {
        headers: { cookie: admin.cookie },
      });
      expect(bad.status).toBe(422);

      // with two-factor on, a blocked sign-in leaves no challenge to answer, even replaying its cookie
      await enableTwoFactor(u);
      await historyAtOtherHours(u.id);
      await post('/sign-in/email', { email: u.email, password: 'wrong-password-5' });
      const blocked2fa = await passwordStep(u.email);
      expect(blocked2fa.res.status, JSON.stringify(blocked2fa.body)).toBe(403);
      const challenge = blocked2fa.res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0]!)
        .find((c) => /two_factor=./.test(c));
      expect(challenge).toBeUndefined();
      const open = await app.handle.db
        .select()
        .from(verification)
        .where(and(eq(verification.value, u.id), like(verification.identifier, '2fa-%')));
      expect(open).toEqual([]);
    });
  });
});
