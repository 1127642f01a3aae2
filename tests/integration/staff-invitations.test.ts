/**
 * Staff access through HTTP on a real database: e-mailed staff invitations (invite, preview,
 * accept, resend, revoke, expiry, promotion of a customer) and an admin's reset of a user's
 * two-factor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents, emailMessages, session, staffInvitations, twoFactor, user } from '@/server/db/schema';
import { BACKENDS, signIn, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';

interface Problem {
  code: string;
  errors?: Array<{ path: string; message: string }>;
}
interface Invitation {
  id: string;
  email: string;
  role: string;
  shopSlug: string | null;
  status: string;
}

describe.each(BACKENDS)('staff access on $name', (backend) => {
  let app: TestApp;
  let admin: TestUser;
  let tech: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    admin = await createUser(app, 'admin', { name: 'Ada Admin' });
    tech = await createUser(app, 'technician', { shopSlug: 'london' });
  });
  afterAll(() => app.close());

  const post = (path: string, json: unknown, who: TestUser | null = admin) =>
    app.request(path, { method: 'POST', headers: who ? { cookie: who.cookie } : {}, json });
  const invite = (json: unknown, who: TestUser = admin) => post('/api/admin/invitations', json, who);
  async function tokenMailedTo(email: string) {
    const [m] = await app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, email), eq(emailMessages.template, 'staff-invitation')))
      .orderBy(desc(emailMessages.createdAt))
      .limit(1);
    expect(m?.text).toContain('/accept-invite?token=');
    return decodeURIComponent(/token=([^\s]+)/.exec(m!.text)![1]!);
  }
  async function auditTypes(targetId: string) {
    const rows = await app.handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, targetId));
    return rows.map((r) => r.type);
  }
  async function listed(id: string) {
    const res = await app.request('/api/admin/invitations', { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Invitation[] }).items.find((i) => i.id === id);
  }

  it('invites by e-mail; the invitee sets name and password and signs in as staff of that shop', async () => {
    const email = `new.tech.${backend.name}@example.com`;
    const res = await invite({ email: email.toUpperCase(), role: 'technician', shopSlug: 'london' });
    expect(res.status, await res.clone().text()).toBe(201);
    const inv = (await res.json()) as Invitation;
    expect(inv).toMatchObject({ email, role: 'technician', shopSlug: 'london', status: 'pending' });
    expect(await auditTypes(inv.id)).toEqual(['staff_invited']);

    const token = await tokenMailedTo(email);
    const preview = await post('/api/invitations/preview', { token }, null);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toEqual({
      email,
      role: 'technician',
      shopName: 'RevivaTech London',
      existingAccount: false,
    });

    const weak = await post('/api/invitations/accept', { token, name: 'N', password: 'short' }, null);
    expect(weak.status).toBe(422);
    expect(((await weak.json()) as Problem).errors?.map((e) => e.path).sort()).toEqual(['name', 'password']);

    const accept = await post(
      '/api/invitations/accept',
      { token, name: 'Nina New', password: 'a-long-new-password' },
      null,
    );
    expect(accept.status, await accept.clone().text()).toBe(200);
    expect(await accept.json()).toEqual({ email, promoted: false });
    // single use
    const again = await post(
      '/api/invitations/accept',
      { token, name: 'Nina New', password: 'another-password' },
      null,
    );
    expect(again.status).toBe(404);

    const [u] = await app.handle.db.select().from(user).where(eq(user.email, email));
    expect(u).toMatchObject({
      name: 'Nina New',
      role: 'technician',
      shopSlug: 'london',
      emailVerified: true,
    });
    // no session was made for them and no "confirm your e-mail" mail went out
    expect(await app.handle.db.select().from(session).where(eq(session.userId, u!.id))).toEqual([]);
    const verification = await app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, email), eq(emailMessages.template, 'verification')));
    expect(verification).toEqual([]);

    const { res: signedIn, cookie } = await signIn(app, email, 'a-long-new-password');
    expect(signedIn.status).toBe(200);
    const me = await app.request('/api/account', { headers: { cookie } });
    expect(await me.json()).toMatchObject({ email, role: 'technician', twoFactorEnabled: false });

    expect((await listed(inv.id))?.status).toBe('accepted');
    expect(await auditTypes(u!.id)).toContain('staff_invite_accepted');
  });

  it('refuses bad input with field messages, a second open invitation, and non-admins', async () => {
    const bad = await invite({ email: 'not-an-address', role: 'customer' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Problem).errors?.map((e) => e.path).sort()).toEqual(['email', 'role']);

    const noShop = await invite({ email: 'shopless@example.com', role: 'technician' });
    expect(noShop.status).toBe(422);
    expect(((await noShop.json()) as Problem).errors?.map((e) => e.path)).toEqual(['shopSlug']);

    const unknownShop = await invite({
      email: 'shopless@example.com',
      role: 'manager',
      shopSlug: 'atlantis',
    });
    expect(unknownShop.status).toBe(422);
    expect(((await unknownShop.json()) as Problem).errors?.map((e) => e.path)).toEqual(['shopSlug']);

    const staff = await invite({ email: tech.email, role: 'manager', shopSlug: 'london' });
    expect(staff.status).toBe(422);
    expect(((await staff.json()) as Problem).errors?.map((e) => e.path)).toEqual(['email']);

    const first = await invite({ email: 'twice@example.com', role: 'admin' });
    expect(first.status).toBe(201);
    const second = await invite({ email: 'Twice@example.com', role: 'admin' });
    expect(second.status).toBe(422);
    expect(((await second.json()) as Problem).errors?.[0]?.message).toMatch(/resend or revoke/);

    expect(
      (await invite({ email: 'x@example.com', role: 'technician', shopSlug: 'london' }, tech)).status,
    ).toBe(403);
    expect((await app.request('/api/admin/invitations', { headers: { cookie: tech.cookie } })).status).toBe(
      403,
    );
  });

  it('promotes an existing customer on acceptance; a resend replaces the link', async () => {
    const customer = await createUser(app, 'customer', { name: 'Cara Customer' });
    const res = await invite({ email: customer.email, role: 'manager', shopSlug: 'manchester' });
    expect(res.status).toBe(201);
    const inv = (await res.json()) as Invitation;
    const oldToken = await tokenMailedTo(customer.email);

    const resent = await post(`/api/admin/invitations/${inv.id}/resend`, {});
    expect(resent.status).toBe(200);
    const newToken = await tokenMailedTo(customer.email);
    expect(newToken).not.toBe(oldToken);
    expect((await post('/api/invitations/preview', { token: oldToken }, null)).status).toBe(404);
    const preview = await post('/api/invitations/preview', { token: newToken }, null);
    expect(await preview.json()).toMatchObject({ existingAccount: true, role: 'manager' });

    const accept = await post(
      '/api/invitations/accept',
      { token: newToken, name: 'Cara Manager', password: 'managers-new-password' },
      null,
    );
    expect(accept.status).toBe(200);
    expect(await accept.json()).toEqual({ email: customer.email, promoted: true });
    const [u] = await app.handle.db.select().from(user).where(eq(user.id, customer.id));
    expect(u).toMatchObject({ role: 'manager', shopSlug: 'manchester', name: 'Cara Manager' });
    // the customer's old session ended; the new password works
    expect((await app.request('/api/account', { headers: { cookie: customer.cookie } })).status).toBe(401);
    expect((await signIn(app, customer.email, 'managers-new-password')).res.status).toBe(200);
    expect(await auditTypes(inv.id)).toEqual(['staff_invited', 'staff_invite_resent']);
  });

  it('a revoked or expired invitation no longer works and is listed as such', async () => {
    const revokedRes = await invite({ email: 'revoked@example.com', role: 'technician', shopSlug: 'london' });
    const revoked = (await revokedRes.json()) as Invitation;
    const revokedToken = await tokenMailedTo('revoked@example.com');
    expect((await post(`/api/admin/invitations/${revoked.id}/revoke`, {})).status).toBe(200);
    expect((await post(`/api/admin/invitations/${revoked.id}/revoke`, {})).status).toBe(409);
    expect((await post(`/api/admin/invitations/${revoked.id}/resend`, {})).status).toBe(409);
    expect((await post('/api/invitations/preview', { token: revokedToken }, null)).status).toBe(404);
    const refused = await post(
      '/api/invitations/accept',
      { token: revokedToken, name: 'Rev Oked', password: 'a-long-new-password' },
      null,
    );
    expect(refused.status).toBe(404);
    expect((await listed(revoked.id))?.status).toBe('revoked');
    expect(await auditTypes(revoked.id)).toEqual(['staff_invited', 'staff_invite_revoked']);

    const expiredRes = await invite({ email: 'expired@example.com', role: 'technician', shopSlug: 'london' });
    const expired = (await expiredRes.json()) as Invitation;
    const expiredToken = await tokenMailedTo('expired@example.com');
    await app.handle.db
      .update(staffInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(staffInvitations.id, expired.id));
    expect((await post('/api/invitations/preview', { token: expiredToken }, null)).status).toBe(404);
    expect((await listed(expired.id))?.status).toBe('expired');
    // an expired invitation does not block a new one to the same address
    expect(
      (await invite({ email: 'expired@example.com', role: 'technician', shopSlug: 'london' })).status,
    ).toBe(201);
  });

  it('an admin resets a user’s two-factor: secret gone, sessions ended, audited, user told', async () => {
    const victim = await createUser(app, 'technician', { shopSlug: 'london', name: 'Lost Phone' });
    await app.handle.db
      .insert(twoFactor)
      .values({ id: `tf-${victim.id}`, secret: 's', backupCodes: 'b', userId: victim.id });
    await app.handle.db.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, victim.id));

    expect((await post(`/api/admin/users/${victim.id}/reset-two-factor`, {}, tech)).status).toBe(403);
    expect((await post(`/api/admin/users/${admin.id}/reset-two-factor`, {})).status).toBe(422);
    expect((await post('/api/admin/users/no-such-user/reset-two-factor', {})).status).toBe(404);

    const res = await post(`/api/admin/users/${victim.id}/reset-two-factor`, {});
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ userId: victim.id, wasEnabled: true });
    const [u] = await app.handle.db.select().from(user).where(eq(user.id, victim.id));
    expect(u?.twoFactorEnabled).toBe(false);
    expect(await app.handle.db.select().from(twoFactor).where(eq(twoFactor.userId, victim.id))).toEqual([]);
    expect((await app.request('/api/account', { headers: { cookie: victim.cookie } })).status).toBe(401);
    expect(await auditTypes(victim.id)).toContain('two_factor_reset');
    const alerts = await app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, victim.email), eq(emailMessages.template, 'security-alert')));
    expect(alerts.map((m) => m.text).join()).toMatch(/reset your two-factor/);
    // signing in again needs the password only; the account reports no two-factor (set-up follows)
    const { res: again, cookie } = await signIn(app, victim.email);
    expect(again.status).toBe(200);
    expect(await (await app.request('/api/account', { headers: { cookie } })).json()).toMatchObject({
      twoFactorEnabled: false,
    });

    expect((await post(`/api/admin/users/${victim.id}/reset-two-factor`, {})).status).toBe(409);
  });
});
