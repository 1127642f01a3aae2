/**
 * The public write limits, switched on with small budgets (the other suites turn them off):
 * parallel bursts against booking, tracking messages, sign-up and password reset get exactly
 * the budget through and 429 problem+json with Retry-After for the rest, per client address
 * (X-Forwarded-For with TRUST_PROXY, so each test has addresses of its own) and per e-mail.
 * Then two app processes sharing Redis (and PostgreSQL) spend one budget.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.PUBLIC_RATE_LIMIT = 'on';
  process.env.TRUST_PROXY = 'true';
  process.env.RATE_LIMIT_BOOKING_IP = '4/1h';
  process.env.RATE_LIMIT_BOOKING_EMAIL = '3/1h';
  process.env.RATE_LIMIT_MESSAGE_IP = '3/1h';
  process.env.RATE_LIMIT_MESSAGE_ORDER = '4/1h';
  process.env.RATE_LIMIT_SIGNUP_IP = '3/1h';
  process.env.RATE_LIMIT_SIGNUP_EMAIL = '2/1h';
  process.env.RATE_LIMIT_RESET_IP = '3/1h';
  process.env.RATE_LIMIT_RESET_EMAIL = '2/1h';
  process.env.RATE_LIMIT_SUPPORT_MESSAGES_IP = '3/1h';
});

import { env } from '@/env';
import { BACKENDS, bookingBody, startApp, type TestApp } from './harness';
import { bookOrder } from './fixtures';
import { startInstance, stopInstance, type Instance } from './instances';

const run = randomBytes(3).toString('hex');
let ipCounter = 0;
/** A client address no other test (or run sharing a Redis) spends from. */
function newIp(): string {
  ipCounter += 1;
  const r = randomBytes(2);
  return `10.${r[0]}.${r[1]}.${ipCounter % 250}`;
}
const email = (tag: string) => `${tag}-${run}-${randomBytes(3).toString('hex')}@example.com`;

/** Statuses of a burst, and the 429s checked: problem+json, RATE_LIMITED, a Retry-After. */
async function burst(requests: Array<Promise<Response>>): Promise<{ ok: number; limited: number }> {
  const answers = await Promise.all(requests);
  let limited = 0;
  for (const res of answers) {
    if (res.status !== 429) continue;
    limited += 1;
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const body = (await res.json()) as { code: string; status: number; detail: string };
    expect(body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(body.detail).toMatch(/try again in/);
  }
  return { ok: answers.length - limited, limited };
}

describe('public write limits (one app, memory counters)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp(BACKENDS[0]!);
  });
  afterAll(() => app.close());

  const book = (ip: string, customerEmail: string) =>
    app.request('/api/bookings', {
      method: 'POST',
      headers: { 'x-forwarded-for': ip },
      json: bookingBody({ customer: { name: 'Burst Customer', email: customerEmail } }),
    });

  it('lets exactly the per-address budget of bookings through a parallel burst', async () => {
    const ip = newIp();
    const result = await burst(Array.from({ length: 10 }, () => book(ip, email('burst'))));
    expect(result).toEqual({ ok: 4, limited: 6 });
    // another address still books
    expect((await book(newIp(), email('other'))).status).toBe(201);
  });

  it('limits bookings per customer e-mail across addresses', async () => {
    const customer = email('same');
    const result = await burst(Array.from({ length: 6 }, () => book(newIp(), customer)));
    expect(result).toEqual({ ok: 3, limited: 3 });
    // the same address in other letters is the same customer
    expect((await book(newIp(), customer.toUpperCase())).status).toBe(429);
  });

  it('limits messages through a tracking link per address and per repair', async () => {
    const order = await bookOrder(app, { overrides: {} });
    const message = (ip: string, n: number) =>
      app.request(`/api/track/${order.reference}/messages`, {
        method: 'POST',
        headers: { 'x-forwarded-for': ip },
        json: { token: order.trackingToken, body: `Any news? (${n})` },
      });
    const ip = newIp();
    expect(await burst(Array.from({ length: 6 }, (_, i) => message(ip, i)))).toEqual({ ok: 3, limited: 3 });
    // from other addresses, the repair's own budget (4) has one left
    expect(await burst(Array.from({ length: 3 }, (_, i) => message(newIp(), 10 + i)))).toEqual({
      ok: 1,
      limited: 2,
    });
  });

  it('limits messages to the support assistant per address', async () => {
    const ask = (ip: string, n: number) =>
      app.request('/api/support/messages', {
        method: 'POST',
        headers: { 'x-forwarded-for': ip },
        json: { message: `How much is an iPhone 15 screen? (${n})` },
      });
    const ip = newIp();
    expect(await burst(Array.from({ length: 7 }, (_, i) => ask(ip, i)))).toEqual({ ok: 3, limited: 4 });
    // another address still gets its answer
    expect((await ask(newIp(), 99)).status).toBe(200);
  });

  it('limits sign-ups per address and per e-mail', async () => {
    const signUp = (ip: string, address: string) =>
      app.request('/api/auth/sign-up/email', {
        method: 'POST',
        headers: { 'x-forwarded-for': ip },
        json: { email: address, password: 'correct-horse-battery', name: 'Burst User' },
      });
    const ip = newIp();
    expect(await burst(Array.from({ length: 5 }, () => signUp(ip, email('signup'))))).toEqual({
      ok: 3,
      limited: 2,
    });
    const address = email('signup-same');
    expect(await burst(Array.from({ length: 4 }, () => signUp(newIp(), address)))).toEqual({
      ok: 2,
      limited: 2,
    });
  });

  it('limits password-reset requests per address and per e-mail', async () => {
    const reset = (ip: string, address: string) =>
      app.request('/api/auth/request-password-reset', {
        method: 'POST',
        headers: { 'x-forwarded-for': ip },
        json: { email: address, redirectTo: '/reset-password' },
      });
    const ip = newIp();
    expect(await burst(Array.from({ length: 5 }, () => reset(ip, email('reset'))))).toEqual({
      ok: 3,
      limited: 2,
    });
    const address = email('reset-same');
    expect(await burst(Array.from({ length: 4 }, () => reset(newIp(), address)))).toEqual({
      ok: 2,
      limited: 2,
    });
  });
});

const DB = env.TEST_DATABASE_URL;
const REDIS = env.TEST_REDIS_URL;

describe.skipIf(!DB || !REDIS)(
  'two app instances sharing Redis share one count (skipped: needs TEST_DATABASE_URL and TEST_REDIS_URL)',
  () => {
    const dbName = `rt_rate_${randomBytes(5).toString('hex')}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-rate-'));
    let a: Instance | undefined;
    let b: Instance | undefined;

    beforeAll(async () => {
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: DB });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
      const url = new URL(DB!);
      url.pathname = `/${dbName}`;
      const shared = {
        DATABASE_URL: url.toString(),
        REDIS_URL: REDIS!,
        DATA_DIR: dataDir,
        AUTH_SECRET: randomBytes(32).toString('hex'),
        ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        AUTH_RATE_LIMIT: 'off',
        PUBLIC_RATE_LIMIT: 'on',
        TRUST_PROXY: 'true',
        RATE_LIMIT_BOOKING_IP: '5/1h',
        LOG_LEVEL: 'warn',
      };
      a = await startInstance('A', shared);
      b = await startInstance('B', shared);
    }, 240_000);

    afterAll(async () => {
      await Promise.all([stopInstance(a), stopInstance(b)]);
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: DB });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('a burst split over both instances gets exactly one budget through', async () => {
      const ip = newIp();
      const book = (instance: Instance) =>
        instance.request('/api/bookings', {
          method: 'POST',
          headers: { 'x-forwarded-for': ip },
          json: bookingBody({ customer: { name: 'Burst Customer', email: email('multi') } }),
        });
      const result = await burst(Array.from({ length: 12 }, (_, i) => book(i % 2 === 0 ? a! : b!)));
      expect(result).toEqual({ ok: 5, limited: 7 });
      // and both instances now refuse that address
      expect((await book(a!)).status).toBe(429);
      expect((await book(b!)).status).toBe(429);
    });
  },
);
