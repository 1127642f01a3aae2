import { afterEach, describe, expect, it } from 'vitest';
import { cached, clearCache, createAppCache, invalidateTag, type AppCache } from './cache';

describe('cached (embedded: in-process L1)', () => {
  afterEach(() => clearCache());

  it('returns values as they are (Maps intact), computed once for concurrent misses', async () => {
    let calls = 0;
    const factory = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      return { bySlug: new Map([['iphone-15', { name: 'iPhone 15' }]]) };
    };
    const opts = { ttlMs: 60_000, tags: ['t'] };
    const [first, second] = await Promise.all([
      cached('snapshot-test', opts, factory),
      cached('snapshot-test', opts, factory),
    ]);
    expect(calls).toBe(1);
    expect(first.bySlug.get('iphone-15')?.name).toBe('iPhone 15');
    expect(second.bySlug).toBeInstanceOf(Map);
  });

  it('invalidateTag drops the tagged values (hot memo included) and only those', async () => {
    let version = 1;
    const read = (key: string, tag: string) =>
      cached(key, { ttlMs: 60_000, tags: [tag] }, async () => `${key}@${version}`);
    expect(await read('a', 'ta')).toBe('a@1');
    expect(await read('b', 'tb')).toBe('b@1');
    version = 2;
    await invalidateTag('ta');
    expect(await read('a', 'ta')).toBe('a@2');
    expect(await read('b', 'tb')).toBe('b@1');
  });
});

describe('createAppCache', () => {
  let cache: AppCache | undefined;
  afterEach(() => cache?.close());

  it('reads through bentocache once the hot memo has expired (the value kept as it is)', async () => {
    cache = await createAppCache();
    expect(cache.tier).toBe('memory');
    let calls = 0;
    const factory = async () => {
      calls += 1;
      return { at: new Date(0), bySlug: new Map([['x', 1]]) };
    };
    // the hot memo lives 1 ms, bentocache's entry 1 ms too but stays a while (grace) : a second
    // read after expiry runs the factory again but keeps answering
    await cache.cached('k', { ttlMs: 60_000, tags: [] }, factory);
    const again = await cache.cached('k', { ttlMs: 60_000, tags: [] }, factory);
    expect(calls).toBe(1);
    expect(again.bySlug.get('x')).toBe(1);
    expect(again.at).toBeInstanceOf(Date);
  });

  it('serves the last value when the factory fails after expiry (grace)', async () => {
    cache = await createAppCache();
    const ok = await cache.cached('g', { ttlMs: 1, tags: [] }, async () => 'first');
    expect(ok).toBe('first');
    await new Promise((r) => setTimeout(r, 10));
    const graced = await cache.cached('g', { ttlMs: 1, tags: [] }, async () => {
      throw new Error('database down');
    });
    expect(graced).toBe('first');
  });
});
