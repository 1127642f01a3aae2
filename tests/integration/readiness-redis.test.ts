/**
 * The readiness check of Redis (used by /api/ready when REDIS_URL is set): false, within its
 * timeout, when nothing answers; true against the real Redis when TEST_REDIS_URL is set.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '@/env';
import { checkRedis, closeReadiness } from '@/server/readiness';
import { freePort } from './instances';

describe('readiness: Redis', () => {
  afterAll(() => closeReadiness());

  it('is false when Redis does not answer (never hangs)', async () => {
    const port = await freePort(); // free: nothing listens there
    expect(await checkRedis(`redis://127.0.0.1:${port}/2`)).toBe(false);
  });

  it.runIf(env.TEST_REDIS_URL)('is true when Redis answers PING (TEST_REDIS_URL)', async () => {
    expect(await checkRedis(env.TEST_REDIS_URL!)).toBe(true);
  });
});
