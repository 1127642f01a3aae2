/**
 * The application cache. Embedded: an in-process LRU (bentocache memory driver) with tags
 * and stampede protection (concurrent misses for one key run the factory once).
 * A process singleton on globalThis (see db/runtime.ts for why).
 */
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';

type Cache = BentoCache<{ app: ReturnType<typeof bentostore> }>;

declare global {
  var __rtCache: Cache | undefined;
  var __rtHotCache: Map<string, { value: unknown; until: number; tags: string[] }> | undefined;
}

export function getCache(): Cache {
  globalThis.__rtCache ??= new BentoCache({
    default: 'app',
    stores: {
      // serialize: false keeps values as they are (the catalogue snapshot holds Maps, which a
      // JSON round trip would turn into empty objects once the hot memo below expires)
      app: bentostore().useL1Layer(memoryDriver({ maxItems: 10_000, serialize: false })),
    },
  });
  return globalThis.__rtCache;
}

/**
 * A tiny per-process memo in front of the cache for hot, rarely-changing values (the catalogue
 * snapshot is read on every search/quote request). It holds the value for `ttlMs` and is
 * cleared by `invalidateTag`.
 */
const hot = (globalThis.__rtHotCache ??= new Map());

export async function cached<T>(
  key: string,
  opts: { ttlMs: number; tags: string[] },
  factory: () => Promise<T>,
): Promise<T> {
  const now = Date.now();
  const entry = hot.get(key);
  if (entry && entry.until > now) return entry.value as T;
  const value = await getCache().getOrSet<T>({
    key,
    ttl: opts.ttlMs,
    tags: opts.tags,
    factory,
  });
  hot.set(key, { value, until: now + opts.ttlMs, tags: opts.tags });
  return value;
}

export async function invalidateTag(tag: string): Promise<void> {
  for (const [key, entry] of hot) if (entry.tags.includes(tag)) hot.delete(key);
  await getCache().deleteByTag({ tags: [tag] });
}

/** Drops everything (tests switch databases between suites). */
export async function clearCache(): Promise<void> {
  hot.clear();
  await getCache().clear();
}
