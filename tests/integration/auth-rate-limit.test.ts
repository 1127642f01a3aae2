/**
 * better-auth's own per-address limits (sign-in: 10 a minute) are counted by the app's limiter
 * (src/server/rate-limit.ts): in memory embedded, and in Redis when configured, so two auth
 * instances (a second better-auth over a new Redis connection, with this process's memory
 * counters gone, as in another app process) spend one budget. The Redis part needs
 * TEST_REDIS_URL (CI sets it); the embedded part always runs.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.AUTH_RATE_LIMIT = 'on';
  process.env.TRUST_PROXY = 'true';
});

import { Redis } from 'ioredis';
import { env } from '@/env';
import { closeRateLimits, countRateLimitsInRedis } from '@/server/rate-limit';
import { resetAuth } from '@/features/auth/server/auth';
import { BACKENDS, startApp, type TestApp } from './harness';

const SIGN_IN_PER_MINUTE = 10;
const REDIS = env.TEST_REDIS_URL;

let ipCounter = 0;
function newIp(): string {
  ipCounter += 1;
  const r = randomBytes(2);
  return `10.${r[0]}.${r[1]}.${ipCounter % 250}`;
}

/** `n` wrong sign-ins from `ip`, one after another; how many were refused with 429. */
async function signIns(app: TestApp, ip: string, n: number): Promise<{ ok: number; limited: number }> {
  let limited = 0;
  for (let i = 0; i < n; i += 1) {
    const res = await app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'x-forwarded-for': ip, origin: app.origin },
      json: { email: `nobody-${randomBytes(4).toString('hex')}@example.com`, password: 'wrong-password-123' },
    });
    if (res.status === 429) limited += 1;
    else expect(res.status, 'a wrong password is refused, not an error').toBeLessThan(500);
    await res.body?.cancel();
  }
  return { ok: n - limited, limited };
}

describe('better-auth limits counted by the app limiter (embedded: in memory)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(BACKENDS[0]!);
  }, 120_000);
  afterAll(() => app?.close());

  it('lets 10 sign-ins a minute through per address, then answers 429', async () => {
    const ip = newIp();
    expect(await signIns(app, ip, SIGN_IN_PER_MINUTE + 3)).toEqual({ ok: SIGN_IN_PER_MINUTE, limited: 3 });
    // another address has its own budget
    expect(await signIns(app, newIp(), 1)).toEqual({ ok: 1, limited: 0 });
  });
});

describe.skipIf(!REDIS)('better-auth limits in Redis (skipped: needs TEST_REDIS_URL)', () => {
  const prefix = `rt-test-auth-${randomBytes(4).toString('hex')}:`;
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(BACKENDS[0]!);
    await countRateLimitsInRedis(REDIS!, prefix);
  }, 120_000);
  afterAll(async () => {
    await closeRateLimits();
    await app?.close();
  });

  it('two auth instances share one budget', async () => {
    const ip = newIp();
    // the first instance spends 6 of 10
    expect(await signIns(app, ip, 6)).toEqual({ ok: 6, limited: 0 });
    // the count sits in Redis (better-auth's own memory store would stay in this process)
    const redis = new Redis(REDIS!);
    try {
      expect(await redis.keys(`${prefix}auth*`)).not.toHaveLength(0);
    } finally {
      await redis.quit();
    }
    // a second instance: a new better-auth and a new Redis connection, no memory counters left
    resetAuth();
    await countRateLimitsInRedis(REDIS!, prefix);
    expect(await signIns(app, ip, 6)).toEqual({ ok: SIGN_IN_PER_MINUTE - 6, limited: 2 });
  });
});
