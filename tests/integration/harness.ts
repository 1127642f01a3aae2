/**
 * Runs the API against a real database: PGlite in memory always, and the PostgreSQL server
 * named by TEST_DATABASE_URL when set (CI sets it). Each suite gets its own empty schema on
 * PostgreSQL, migrated and seeded exactly as on start-up.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { env } from '@/env';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import { closeDatabase, setDatabase } from '@/server/db/runtime';
import { clearCache } from '@/server/cache';
import { stopQueue } from '@/server/queue';
import { getApi } from '@/server/entry/api';
import { resetAuth } from '@/features/auth/server/auth';
import { user } from '@/server/db/schema';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';

export interface Backend {
  name: 'pglite' | 'postgres';
  url?: string;
}

export const BACKENDS: Backend[] = [
  { name: 'pglite' },
  ...(env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, url: env.TEST_DATABASE_URL }] : []),
];

export interface TestApp {
  handle: DatabaseHandle;
  /** The listener's own origin (what a browser on the app would send as Origin). */
  origin: string;
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A fresh database on the PostgreSQL server for one suite (dropped again in close()): a copy of
 * the run's migrated, seeded template (tests/integration/global-setup.ts).
 */
async function createTestDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `rt_test_${randomBytes(6).toString('hex')}`;
  const template = inject('postgresTemplate');
  if (!template)
    throw new Error('no PostgreSQL template: tests/integration/global-setup.ts did not make one');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

let pgliteTemplate: Blob | undefined;
/** The migrated, seeded PGlite dump tests/integration/global-setup.ts made for this run. */
function pgliteTemplateDump(): Blob {
  return (pgliteTemplate ??= new Blob([fs.readFileSync(inject('pgliteTemplate'))]));
}

export async function startApp(backend: Backend): Promise<TestApp> {
  // suites share a worker's modules (vitest.config.ts, isolate: false): a queue an earlier suite
  // left running (on its own, closed database) must not serve this one
  await stopQueue(1_000).catch(() => undefined);
  await clearCache();
  resetAuth();
  const testDb = backend.url ? await createTestDatabase(backend.url) : null;
  const handle = await openDatabase(
    testDb ? { url: testDb.url, poolSize: 20 } : { dataDir: 'memory://', loadDataDir: pgliteTemplateDump() },
  );
  // both copies are migrated and seeded already (global-setup.ts): opening runs no migration
  setDatabase(handle);
  // the API behind a real HTTP listener, exactly as src/server/main.ts serves it
  const server = http.createServer(getRequestListener(getApi().fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    handle,
    origin: `http://127.0.0.1:${port}`,
    request(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`http://127.0.0.1:${port}${path}`, {
        ...rest,
        headers,
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await closeDatabase();
      resetAuth();
      await testDb?.drop();
      await clearCache();
    },
  };
}

/** The first drop-off slot at a shop with at least `minAvailable` places left. */
export async function freeSlot(app: TestApp, shop: string, minAvailable = 1, skip = 0): Promise<string> {
  const res = await app.request(`/api/shops/${shop}/slots`);
  const body = (await res.json()) as { items: Array<{ startsAt: string; available: number }> };
  const free = body.items.filter((s) => s.available >= minAvailable);
  const slot = free[skip];
  if (!slot) throw new Error(`no free slot at ${shop}`);
  return slot.startsAt;
}

export function bookingBody(overrides: Record<string, unknown> = {}) {
  return {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    service: { type: 'mail_in' },
    customer: { name: 'John Doe', email: 'john@example.com' },
    paymentMethod: 'collection',
    ...overrides,
  };
}

/** Cookie header from a response's Set-Cookie lines (name=value pairs only). */
export function cookiesFrom(res: Response, jar = ''): string {
  const pairs = new Map(
    jar
      .split('; ')
      .filter(Boolean)
      .map((p) => [p.split('=')[0]!, p] as const),
  );
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0]!;
    const name = pair.split('=')[0]!;
    if (pair.endsWith('=')) pairs.delete(name);
    else pairs.set(name, pair);
  }
  return [...pairs.values()].join('; ');
}

/**
 * Signs up through the API, then signs in (sign-up itself never starts a session: it answers a
 * registered address the same way), as the sign-up form does; returns the session cookie.
 */
export async function signUp(
  app: TestApp,
  email: string,
  password = 'correct-horse-battery',
  name = 'Test User',
) {
  const res = await app.request('/api/auth/sign-up/email', {
    method: 'POST',
    json: { email, password, name },
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const signedIn = await signIn(app, email, password);
  if (signedIn.res.status !== 200) {
    throw new Error(`sign-in after sign-up failed: ${signedIn.res.status} ${await signedIn.res.text()}`);
  }
  return signedIn.cookie;
}

export async function signIn(app: TestApp, email: string, password = 'correct-horse-battery') {
  const res = await app.request('/api/auth/sign-in/email', { method: 'POST', json: { email, password } });
  return { res, cookie: cookiesFrom(res) };
}

/**
 * Signs in, then marks two-factor as set up (the flag as the set-up page leaves it; this session
 * stays signed in): staff need it for staff routes while STAFF_TWO_FACTOR=required.
 */
export async function signInStaff(app: TestApp, email: string, password = 'correct-horse-battery') {
  const signedIn = await signIn(app, email, password);
  await app.handle.db
    .update(user)
    .set({ twoFactorEnabled: true })
    .where(sql`lower(${user.email}) = lower(${email})`);
  return signedIn;
}
