import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { session } from '@/server/db/schema';
import { BACKENDS, signIn, signUp, startApp, type TestApp } from './harness';

/** GET /api/account/sessions and DELETE /api/account/sessions/{id}, behind /account/security. */
describe.each(BACKENDS)('my sessions on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  const list = async (cookie: string) => {
    const res = await app.request('/api/account/sessions', { headers: { cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Array<Record<string, unknown>> }).items;
  };
  const revoke = (cookie: string, id: string) =>
    app.request(`/api/account/sessions/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { cookie, origin: app.origin },
    });

  it('lists my live sessions, this device first, without their tokens', async () => {
    const email = 'sessions.list@example.com';
    await signUp(app, email);
    const { cookie } = await signIn(app, email);
    const items = await list(cookie);
    expect(items).toHaveLength(2);
    expect(items.map((s) => s.current)).toEqual([true, false]);
    for (const s of items) {
      expect(Object.keys(s).sort()).toEqual([
        'createdAt',
        'current',
        'id',
        'ipAddress',
        'updatedAt',
        'userAgent',
      ]);
    }
    // the address of the connection (no proxy header here)
    expect(items[0]!.ipAddress).toMatch(/127\.0\.0\.1/);
    const me = await app.request('/api/account', { headers: { cookie } });
    expect(await me.json()).toMatchObject({ email, twoFactorEnabled: false });
  });

  it('signs out another of my sessions, not the one in use, and never someone else’s', async () => {
    const email = 'sessions.revoke@example.com';
    const first = await signUp(app, email);
    const { cookie } = await signIn(app, email);
    const [current, other] = await list(cookie);

    const self = await revoke(cookie, String(current!.id));
    expect(self.status).toBe(409);

    // another user cannot end it (and cannot tell it exists)
    const stranger = await signUp(app, 'sessions.stranger@example.com');
    expect((await revoke(stranger, String(other!.id))).status).toBe(404);
    expect((await app.request('/api/account', { headers: { cookie: first } })).status).toBe(200);

    const done = await revoke(cookie, String(other!.id));
    expect(done.status).toBe(204);
    expect((await app.request('/api/account', { headers: { cookie: first } })).status).toBe(401);
    expect(
      await app.handle.db
        .select()
        .from(session)
        .where(eq(session.id, String(other!.id))),
    ).toHaveLength(0);
    expect(await list(cookie)).toHaveLength(1);
    expect((await revoke(cookie, String(other!.id))).status).toBe(404);
  });

  it('is for signed-in users only', async () => {
    expect((await app.request('/api/account/sessions')).status).toBe(401);
    expect((await revoke('', 'whatever')).status).toBe(401);
  });
});
