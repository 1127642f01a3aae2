/**
 * The application cache (bentocache), with tags and stampede protection (concurrent misses for
 * one key in one process run the factory once).
 *
 * - Embedded: an in-process LRU (L1) only.
 * - Scaled out (`REDIS_URL`, `cacheInRedis()` at start-up): L1 in memory + L2 in Redis + a Redis
 *   bus, so a value computed by one instance is reused by the others and an invalidation on one
 *   instance (`invalidateTag`) reaches every instance's L1 and hot memo at once.
 *   Redis is never on a request's critical path: L2 commands time out quickly, L2 errors are
 *   suppressed (the value comes from L1 or the factory, i.e. the database) and a circuit breaker
 *   stops asking Redis for a while after a failure.
 *
 * A process singleton on globalThis (see db/runtime.ts for why).
 */
import { EventEmitter } from 'node:events';
import v8 from 'node:v8';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisBusDriver, redisDriver } from 'bentocache/drivers/redis';
import { Redis } from 'ioredis';
import { logger } from '@/server/logger';

type Bento = BentoCache<Record<string, ReturnType<typeof bentostore>>>;
type HotEntry = { value: unknown; until: number; tags: string[] };

export interface CacheOptions {
  ttlMs: number;
  tags: string[];
}

export interface AppCache {
  readonly tier: 'memory' | 'redis';
  cached<T>(key: string, opts: CacheOptions, factory: () => Promise<T>): Promise<T>;
  invalidateTag(tag: string): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export interface RedisCacheOptions {
  url: string;
  /** Keeps deployments or test runs sharing one Redis apart (keys and bus channel). */
  prefix?: string;
  /** Milliseconds an L2 read/write may take before the value comes from L1 or the database. */
  commandTimeoutMs?: number;
}

/** The hot memo is for a few hot values: past this many keys it starts again. */
const HOT_MAX = 1_000;

/** bentocache's tag keys (a tag's invalidation time): `___bc:t:<tag>`. */
const TAG_KEY = '___bc:t:';

/**
 * Values go to Redis through V8's structured serializer, so Maps, Sets and Dates survive the
 * round trip (the catalogue snapshot holds Maps; shop rows hold Dates), as a string for the driver.
 */
const serializer = {
  serialize: (value: unknown) => v8.serialize(value).toString('base64'),
  deserialize: (value: unknown) =>
    typeof value === 'string' ? v8.deserialize(Buffer.from(value, 'base64')) : value,
};

function redisClient(url: string, name: string, offlineQueue: boolean, timeoutMs: number): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: name,
    enableOfflineQueue: offlineQueue,
    maxRetriesPerRequest: 1,
    commandTimeout: timeoutMs,
    retryStrategy: (times) => Math.min(times * 100, 5_000),
  });
  redis.on('error', (err: Error) => logger.warn({ err: err.message, connection: name }, 'cache redis error'));
  return redis;
}

/** A cache: L1 only, or L1 + Redis L2 + bus when `redis` is given. */
export async function createAppCache(redis?: RedisCacheOptions): Promise<AppCache> {
  const emitter = new EventEmitter();
  // Embedded, serialize: false keeps L1 values as they are (no copy per read). With an L2,
  // bentocache copies L2 values into L1 serialized (1.6.1 then fails to read them back from an
  // unserialized L1), so L1 holds serialized values too; the hot memo spares the hot reads the copy.
  const l1 = memoryDriver({ maxItems: 10_000, serialize: Boolean(redis) });
  let l2Client: Redis | undefined;
  let busClient: Redis | undefined;
  let store = bentostore().useL1Layer(l1);
  if (redis) {
    const timeout = redis.commandTimeoutMs ?? 500;
    // L2: fail fast while disconnected (no offline queue), so a Redis outage costs no request time
    l2Client = redisClient(redis.url, 'revivatech-cache', false, timeout);
    await l2Client.connect().catch((err: unknown) => {
      l2Client?.disconnect();
      throw err;
    });
    // the bus duplicates this template for its publisher and subscriber; they queue while
    // reconnecting, and re-subscribe on their own when Redis returns
    busClient = redisClient(redis.url, 'revivatech-cache-bus', true, 2_000);
    // ...and its copies log their connection errors like the others (ioredis would print them raw)
    const duplicate = busClient.duplicate.bind(busClient);
    busClient.duplicate = (override) => {
      const copy = duplicate(override);
      copy.on('error', (err: Error) =>
        logger.warn({ err: err.message, connection: 'revivatech-cache-bus' }, 'cache redis error'),
      );
      return copy;
    };
    store = store
      .useL2Layer(redisDriver({ connection: l2Client }))
      .useBus(redisBusDriver({ connection: busClient, retryQueue: { enabled: true, maxSize: 1_000 } }));
  }
  const prefix = redis?.prefix ?? 'revivatech:cache';
  const bento: Bento = new BentoCache({
    // the store's name names the bus channel: deployments with their own prefix never hear each other
    default: prefix,
    prefix,
    emitter,
    serializer,
    // a Redis failure: serve from L1 (or the factory), and leave Redis alone for 10 s
    suppressL2Errors: true,
    l2CircuitBreakerDuration: '10s',
    // an expired or invalidated value is kept a while: a read waits up to 2 s for its factory (so
    // the next read after a change shows it), and when the factory fails or is slower (database
    // down) the old value is served instead of an error
    grace: '6h',
    graceBackoff: '30s',
    timeout: '2s',
    stores: { [prefix]: store },
  });

  /**
   * A tiny per-process memo in front of bentocache for hot, rarely-changing values (the
   * catalogue snapshot is read on every search/quote request), skipping bentocache's tag check:
   * measured in-process (200k reads, loaded 2-core machine), 0.7-1.1 µs a read here against
   * 33-43 µs through bentocache's L1 with a tag, a third of a whole search request's CPU.
   * It holds a value for `ttlMs` and is cleared by `invalidateTag` here and, through the bus, by
   * `invalidateTag` on any other instance.
   */
  const hot = new Map<string, HotEntry>();
  // bumped on every invalidation: a value whose factory ran across one is not memoised
  let generation = 0;
  const dropHotTag = (tag: string) => {
    generation += 1;
    for (const [key, entry] of hot) if (entry.tags.includes(tag)) hot.delete(key);
  };
  emitter.on('bus:message:received', (data: { message?: { keys?: string[]; type?: string } }) => {
    for (const key of data.message?.keys ?? []) {
      const at = key.indexOf(TAG_KEY);
      if (at >= 0) dropHotTag(key.slice(at + TAG_KEY.length));
      else if (hot.delete(key)) generation += 1;
    }
    if (data.message?.type === 'clear') {
      generation += 1;
      hot.clear();
    }
  });

  return {
    tier: redis ? 'redis' : 'memory',
    async cached<T>(key: string, opts: CacheOptions, factory: () => Promise<T>): Promise<T> {
      const now = Date.now();
      const entry = hot.get(key);
      if (entry && entry.until > now) return entry.value as T;
      const seen = generation;
      const value = await bento.getOrSet<T>({ key, ttl: opts.ttlMs, tags: opts.tags, factory });
      if (seen === generation) {
        if (hot.size >= HOT_MAX) hot.clear();
        hot.set(key, { value, until: now + opts.ttlMs, tags: opts.tags });
      }
      return value;
    },
    async invalidateTag(tag: string): Promise<void> {
      dropHotTag(tag);
      await bento.deleteByTag({ tags: [tag] });
    },
    async clear(): Promise<void> {
      generation += 1;
      hot.clear();
      await bento.clear();
    },
    async close(): Promise<void> {
      hot.clear();
      await bento.disconnect().catch(() => undefined);
      for (const client of [l2Client, busClient]) client?.disconnect();
    },
  };
}

declare global {
  var __rtCache: AppCache | undefined;
  var __rtCacheReady: Promise<AppCache> | undefined;
}

function current(): Promise<AppCache> {
  if (globalThis.__rtCache) return Promise.resolve(globalThis.__rtCache);
  globalThis.__rtCacheReady ??= createAppCache().then((c) => (globalThis.__rtCache ??= c));
  return globalThis.__rtCacheReady;
}

/** Two-tier from now on (REDIS_URL; called on start-up): fails when Redis cannot be reached. */
export async function cacheInRedis(url: string, prefix?: string): Promise<void> {
  const next = await createAppCache({ url, prefix });
  const previous = swapCache(next);
  await previous?.close();
}

/** Makes `cache` the process's cache (tests stand in for another instance); returns the old one. */
export function swapCache(cache: AppCache): AppCache | undefined {
  const previous = globalThis.__rtCache;
  globalThis.__rtCache = cache;
  globalThis.__rtCacheReady = Promise.resolve(cache);
  return previous;
}

/** Back to an in-memory cache, closing the Redis connections if there were any. */
export async function closeCache(): Promise<void> {
  const previous = globalThis.__rtCache;
  globalThis.__rtCache = undefined;
  globalThis.__rtCacheReady = undefined;
  await previous?.close();
}

export function cacheTier(): 'memory' | 'redis' {
  return globalThis.__rtCache?.tier ?? 'memory';
}

export async function cached<T>(key: string, opts: CacheOptions, factory: () => Promise<T>): Promise<T> {
  const cache = globalThis.__rtCache ?? (await current());
  return cache.cached(key, opts, factory);
}

/** Drops every value tagged `tag`, on this instance and (scaled out) on every other. */
export async function invalidateTag(tag: string): Promise<void> {
  return (await current()).invalidateTag(tag);
}

/** Drops everything (tests switch databases between suites). */
export async function clearCache(): Promise<void> {
  await (await current()).clear();
}
