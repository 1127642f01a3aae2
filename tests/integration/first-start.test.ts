import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { emailMessages, session, user } from '@/server/db/schema';
import { ensureFirstAdmin } from '@/features/auth/server';
import { BACKENDS, signIn, startApp, type TestApp } from './harness';

describe.each(BACKENDS)('first start on $name', (backend) => {
  let app: TestApp;
  const email = `first.admin.${backend.name}@example.com`;
  const password = 'first-admin-password';

  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  it('creates the admin with no headless session and no "confirm your e-mail" mail', async () => {
    expect(await ensureFirstAdmin(app.handle.db, email, password)).toBe(true);
    const [admin] = await app.handle.db.select().from(user).where(eq(user.email, email));
    expect(admin).toMatchObject({ role: 'admin', emailVerified: true });
    // nothing signed in yet: a first start is not a sign-in
    expect(await app.handle.db.select().from(session).where(eq(session.userId, admin!.id))).toEqual([]);

    // the admin signs in from a browser: "Where you're signed in" lists that one device only
    const { res, cookie } = await signIn(app, email, password);
    expect(res.status).toBe(200);
    const list = await app.request('/api/account/sessions', {
      headers: { cookie, 'user-agent': 'Firefox/140' },
    });
    const { items } = (await list.json()) as {
      items: Array<{ userAgent: string | null; ipAddress: string | null }>;
    };
    expect(items).toHaveLength(1);
    for (const s of items) {
      expect(s.userAgent).toBeTruthy();
      expect(s.ipAddress).toBeTruthy();
    }

    const verification = await app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, email), eq(emailMessages.template, 'verification')));
    expect(verification).toEqual([]);

    // a second start does nothing
    expect(await ensureFirstAdmin(app.handle.db, email, password)).toBe(false);
  });
});
