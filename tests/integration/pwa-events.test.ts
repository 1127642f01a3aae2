/**
 * POST /api/pwa/events: the install prompt's events are stored (with the user when signed in),
 * bad input gets a 4xx with field messages, and the public write limit applies per address.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.PUBLIC_RATE_LIMIT = 'on';
  process.env.TRUST_PROXY = 'true';
  process.env.RATE_LIMIT_APP_EVENTS_IP = '3/1h';
});

import { desc, eq } from 'drizzle-orm';
import { appEvents, user } from '@/server/db/schema';
import { BACKENDS, signUp, startApp, type TestApp } from './harness';

let ipCounter = 0;
/** A client address of its own for each request group (the limit is per address). */
function newIp(): string {
  ipCounter += 1;
  const r = randomBytes(2);
  return `10.${r[0]}.${r[1]}.${ipCounter % 250}`;
}

describe.each(BACKENDS)('app events on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/pwa/events', {
      method: 'POST',
      headers: { 'x-forwarded-for': newIp(), ...headers },
      json: body,
    });

  it('stores an event with its data, anonymous or with the signed-in user', async () => {
    const anon = await post({ name: 'install_prompt_shown', data: { trigger: 'second_visit', visits: 2 } });
    expect(anon.status).toBe(204);
    const [row] = await app.handle.db
      .select()
      .from(appEvents)
      .where(eq(appEvents.name, 'install_prompt_shown'))
      .orderBy(desc(appEvents.createdAt))
      .limit(1);
    expect(row).toMatchObject({ userId: null, data: { trigger: 'second_visit', visits: 2 } });

    const email = `pwa-${randomBytes(3).toString('hex')}@example.com`;
    const cookie = await signUp(app, email);
    const signedIn = await post({ name: 'install_prompt_accepted' }, { cookie });
    expect(signedIn.status).toBe(204);
    const [me] = await app.handle.db.select().from(user).where(eq(user.email, email));
    const [mine] = await app.handle.db
      .select()
      .from(appEvents)
      .where(eq(appEvents.name, 'install_prompt_accepted'));
    expect(mine).toMatchObject({ userId: me!.id, data: {} });
  });

  it.each([
    ['an unknown name', { name: 'page_view' }, 'name'],
    ['no name', { data: {} }, 'name'],
    ['an extra field', { name: 'app_installed', extra: 1 }, ''],
    ['nested data', { name: 'app_installed', data: { a: { b: 1 } } }, 'data'],
    ['a long value', { name: 'app_installed', data: { a: 'x'.repeat(201) } }, 'data'],
    ['a bad key', { name: 'app_installed', data: { 'not a key': 1 } }, 'data'],
    [
      'too many entries',
      { name: 'app_installed', data: Object.fromEntries([...Array(11)].map((_, i) => [`k${i}`, i])) },
      'data',
    ],
  ])('refuses %s with 422 and a field message', async (_what, body, field) => {
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as {
      code: string;
      errors?: Array<{ path: string }> | Record<string, unknown>;
    };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(problem)).toContain(field);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await app.request('/api/pwa/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': newIp() },
      body: '{"name":',
    });
    expect(res.status).toBe(400);
  });

  it('limits events per client address (429 with Retry-After past the budget)', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await post({ name: 'install_prompt_dismissed' }, { 'x-forwarded-for': ip });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([204, 204, 204, 429]);
  });
});
