/**
 * Counters for rate limits (rate-limiter-flexible). Embedded: in this process's memory. Scaled
 * out (REDIS_URL): in Redis, so every app instance spends the same budget; each counter is
 * one atomic Redis update, so a burst cannot slip past the limit. When Redis cannot be reached
 * a per-process memory counter stands in (the "insurance" limiter) instead of failing requests.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { logger } from '@/server/logger';

/** `points` actions per `seconds`, per key. */
export interface Limit {
  points: number;
  seconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface RateState {
  redis: Redis | null;
  prefix: string;
  limiters: Map<string, RateLimiterAbstract>;
}

declare global {
  var __rtRateLimits: RateState | undefined;
}

const state: RateState = (globalThis.__rtRateLimits ??= {
  redis: null,
  prefix: 'revivatech:rl:',
  limiters: new Map(),
});

/**
 * Keep the counters in Redis (REDIS_URL; called on start-up). `prefix` keeps deployments or
 * test runs sharing one Redis apart.
 */
export async function countRateLimitsInRedis(url: string, prefix = 'revivatech:rl:'): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: 'revivatech-rate-limit',
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 50, 5_000),
    maxRetriesPerRequest: 1,
  });
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'rate limit redis error'));
  await redis.connect();
  await closeRateLimits();
  state.redis = redis;
  state.prefix = prefix;
}

/** Back to memory counters, closing the Redis connection if there was one. */
export async function closeRateLimits(): Promise<void> {
  const redis = state.redis;
  state.redis = null;
  state.limiters.clear();
  if (redis) await redis.quit().catch(() => redis.disconnect());
}

export function rateLimitStore(): 'memory' | 'redis' {
  return state.redis ? 'redis' : 'memory';
}

function limiterFor(name: string, limit: Limit): RateLimiterAbstract {
  const id = `${name}:${limit.points}/${limit.seconds}`;
  let limiter = state.limiters.get(id);
  if (!limiter) {
    const options = { keyPrefix: `${state.prefix}${name}`, points: limit.points, duration: limit.seconds };
    limiter = state.redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: state.redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
    state.limiters.set(id, limiter);
  }
  return limiter;
}

/**
 * Spends one point of `name`'s budget for `key`. The key is hashed: e-mail addresses and
 * addresses do not sit in Redis in the clear.
 */
export async function consumeRate(name: string, limit: Limit, key: string): Promise<RateDecision> {
  const hashed = createHash('sha256').update(key).digest('base64url').slice(0, 32);
  try {
    await limiterFor(name, limit).consume(hashed);
    return { allowed: true };
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    }
    // neither Redis nor the stand-in answered: let the request through rather than fail it
    logger.warn({ err, limit: name }, 'rate limit could not be checked');
    return { allowed: true };
  }
}
