import { afterEach, describe, expect, it } from 'vitest';
import { cached, clearCache } from './cache';

describe('cached', () => {
  afterEach(() => clearCache());

  it('returns values with Maps intact after the hot memo has expired (read from the cache store)', async () => {
    let calls = 0;
    const factory = async () => {
      calls += 1;
      return { bySlug: new Map([['iphone-15', { name: 'iPhone 15' }]]) };
    };
    // the hot memo lives 1 ms; the store keeps the value for a minute
    const first = await cached('snapshot-test', { ttlMs: 60_000, tags: ['t'] }, factory);
    expect(first.bySlug.get('iphone-15')?.name).toBe('iPhone 15');
    await new Promise((r) => setTimeout(r, 5));
    const hot = (globalThis as { __rtHotCache?: Map<string, { until: number }> }).__rtHotCache!;
    hot.get('snapshot-test')!.until = 0; // expire only the memo
    const second = await cached('snapshot-test', { ttlMs: 60_000, tags: ['t'] }, factory);
    expect(calls).toBe(1);
    expect(second.bySlug).toBeInstanceOf(Map);
    expect(second.bySlug.get('iphone-15')?.name).toBe('iPhone 15');
  });
});
