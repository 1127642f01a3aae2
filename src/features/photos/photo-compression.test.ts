import { describe, expect, it } from 'vitest';
import {
  compressedName,
  compressionPlan,
  formatBytes,
  isRetryable,
  keepCompressed,
  retryAfterMs,
  retryDelayMs,
  scaledSize,
} from './photo-compression';

describe('scaledSize', () => {
  it('scales the long edge down to the limit, keeping the aspect ratio', () => {
    expect(scaledSize(4032, 3024, 2048)).toEqual({ width: 2048, height: 1536 });
    expect(scaledSize(3024, 4032, 2048)).toEqual({ width: 1536, height: 2048 });
    expect(scaledSize(4000, 1000, 1280)).toEqual({ width: 1280, height: 320 });
  });
  it('never enlarges a smaller image', () => {
    expect(scaledSize(1280, 720, 2048)).toEqual({ width: 1280, height: 720 });
    expect(scaledSize(2048, 100, 2048)).toEqual({ width: 2048, height: 100 });
  });
  it('keeps at least one pixel on a very thin image and refuses nonsense', () => {
    expect(scaledSize(10000, 1, 1000)).toEqual({ width: 1000, height: 1 });
    expect(scaledSize(0, 100, 1000)).toEqual({ width: 0, height: 0 });
    expect(scaledSize(Number.NaN, 100, 1000)).toEqual({ width: 0, height: 0 });
  });
});

describe('compressionPlan', () => {
  it('asks for a smaller, lighter image while the battery saver is on', () => {
    expect(compressionPlan(false)).toEqual({ maxEdge: 2048, quality: 0.8 });
    const saver = compressionPlan(true);
    expect(saver.maxEdge).toBe(1280);
    expect(saver.quality).toBeLessThan(0.8);
  });
});

describe('keepCompressed and names', () => {
  it('keeps the re-encoded file only when it is smaller', () => {
    expect(keepCompressed(1000, 999)).toBe(true);
    expect(keepCompressed(1000, 1000)).toBe(false);
    expect(keepCompressed(1000, 0)).toBe(false);
  });
  it('names the new file after the original', () => {
    expect(compressedName('IMG_0001.PNG', 'image/jpeg')).toBe('IMG_0001.jpg');
    expect(compressedName('', 'image/webp')).toBe('photo.webp');
    expect(compressedName('back.cover.heic', 'image/jpeg')).toBe('back.cover.jpg');
  });
  it('formats sizes', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(340 * 1024)).toBe('340 KB');
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2.5 MB');
  });
});

describe('upload retries', () => {
  it('retries network errors, 408, 429 and 5xx, never other 4xx', () => {
    for (const s of [null, 408, 429, 500, 502, 503]) expect(isRetryable(s)).toBe(true);
    for (const s of [400, 403, 404, 409, 413, 415, 422]) expect(isRetryable(s)).toBe(false);
  });
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
  it('backs off exponentially with jitter, capped, and follows Retry-After', () => {
    expect(retryDelayMs(1, null, () => 0)).toBe(1000);
    expect(retryDelayMs(2, null, () => 0)).toBe(2000);
    expect(retryDelayMs(3, null, () => 0)).toBe(4000);
    expect(retryDelayMs(3, null, () => 1)).toBe(5000);
    expect(retryDelayMs(20, null, () => 0)).toBe(30_000);
    expect(retryDelayMs(1, 12_000)).toBe(12_000);
    expect(retryDelayMs(1, 10 * 60_000)).toBe(150_000);
  });
});
