import { describe, expect, it } from 'vitest';
import { NORMAL_BACKOFF, reconnectDelay, SAVER_BACKOFF } from './backoff';

const low = () => 0;
const high = () => 0.999999;

describe('reopening a dropped live stream: jittered exponential backoff', () => {
  it('doubles the window per failure up to 30 s, half fixed and half random', () => {
    const lows = [0, 1, 2, 3, 4, 5, 6, 50].map((n) => reconnectDelay(n, { random: low }));
    const highs = [0, 1, 2, 3, 4, 5, 6, 50].map((n) => reconnectDelay(n, { random: high }));
    expect(lows).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
    expect(highs).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('is never immediate, and spreads pages that failed together over the window', () => {
    const delays = Array.from({ length: 200 }, () => reconnectDelay(3));
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(4_000);
      expect(d).toBeLessThanOrEqual(8_000);
    }
    // 200 pages dropped by one server restart do not all come back in the same second
    const seconds = new Set(delays.map((d) => Math.floor(d / 1_000)));
    expect(seconds.size).toBeGreaterThanOrEqual(4);
  });

  it('waits longer and grows further while the battery saver is on', () => {
    expect(reconnectDelay(0, { saving: true, random: low })).toBe(SAVER_BACKOFF.baseMs / 2);
    expect(reconnectDelay(0, { saving: true, random: high })).toBe(SAVER_BACKOFF.baseMs);
    expect(reconnectDelay(20, { saving: true, random: high })).toBe(SAVER_BACKOFF.capMs);
    for (const n of [0, 1, 2, 3, 4, 8]) {
      expect(reconnectDelay(n, { saving: true, random: low })).toBeGreaterThan(
        reconnectDelay(n, { random: low }),
      );
    }
    expect(SAVER_BACKOFF.capMs).toBeGreaterThan(NORMAL_BACKOFF.capMs);
  });

  it('takes odd inputs calmly', () => {
    expect(reconnectDelay(-3, { random: low })).toBe(500);
    expect(reconnectDelay(1e9, { random: high })).toBe(30_000);
    expect(reconnectDelay(2, { random: () => 7 })).toBe(4_000);
    expect(Number.isFinite(reconnectDelay(Number.MAX_SAFE_INTEGER))).toBe(true);
  });
});
