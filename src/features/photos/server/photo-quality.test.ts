/**
 * The photo quality check on photo-like scenes (tests/photo-scenes.ts) taken well, out of focus,
 * in the dark, in glare and too small; the figures that chose the thresholds are in README
 * "Photo quality checks".
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/domain-error';
import { takePhoto, type SceneName } from '../../../../tests/photo-scenes';
import {
  BLUR_VARIANCE,
  checkPhotoQuality,
  judgePhoto,
  laplacianSharpness,
  MIN_SHORT_EDGE,
  type PhotoQuality,
} from './photo-quality';

const SCENES: SceneName[] = ['cracked-phone', 'label', 'shelf'];
const codes = (q: PhotoQuality) => q.problems.map((p) => p.code);

// each case renders and encodes a few 2-megapixel photos: seconds on a busy machine
describe('checkPhotoQuality', { timeout: 60_000 }, () => {
  it.each(SCENES)('passes a well-taken photo of %s', async (scene) => {
    const q = await checkPhotoQuality(await takePhoto(scene));
    expect(codes(q)).toEqual([]);
    expect(q.ok).toBe(true);
    expect(q.metrics).toMatchObject({ width: 1600, height: 1200 });
    expect(q.metrics.sharpness).toBeGreaterThan(BLUR_VARIANCE * 5);
  });

  it.each(SCENES)('finds %s out of focus blurry, and a slightly soft one still fine', async (scene) => {
    const blurred = await checkPhotoQuality(await takePhoto(scene, { blur: 6 }));
    expect(codes(blurred)).toEqual(['blurry']);
    expect(blurred.ok).toBe(false);
    expect(blurred.problems[0]!.message).toMatch(/^Retake: blurry/);
    const soft = await checkPhotoQuality(await takePhoto(scene, { blur: 2 }));
    expect(codes(soft)).toEqual([]);
  });

  it.each(SCENES)('finds %s taken in the dark too dark (and says only that)', async (scene) => {
    const q = await checkPhotoQuality(await takePhoto(scene, { exposure: 0.12 }));
    expect(codes(q)).toEqual(['too-dark']);
    expect(q.problems[0]!.message).toMatch(/^Retake: too dark/);
    expect(q.metrics.meanLuminance).toBeLessThan(40);
  });

  it('keeps a dim but readable photo', async () => {
    const q = await checkPhotoQuality(await takePhoto('shelf', { exposure: 0.5 }));
    expect(codes(q)).toEqual([]);
  });

  it.each(SCENES)('finds %s over-exposed or washed out too bright', async (scene) => {
    const over = await checkPhotoQuality(await takePhoto(scene, { exposure: 2.6 }));
    expect(codes(over)).toEqual(['too-bright']);
    const washed = await checkPhotoQuality(await takePhoto(scene, { exposure: 1.5, lift: 90 }));
    expect(codes(washed)).toEqual(['too-bright']);
    expect(washed.metrics.brightShare).toBeGreaterThan(0.5);
  });

  it('finds a thumbnail-sized photo too small; 640x480 is enough', async () => {
    const small = await checkPhotoQuality(await takePhoto('cracked-phone', { width: 400, height: 300 }));
    expect(codes(small)).toEqual(['too-small']);
    expect(small.problems[0]!.message).toContain(String(MIN_SHORT_EDGE));
    const vga = await checkPhotoQuality(await takePhoto('cracked-phone', { width: 640, height: 480 }));
    expect(codes(vga)).toEqual([]);
    // a long thin strip has a short edge under the minimum whatever its pixel count
    const strip = await checkPhotoQuality(await takePhoto('shelf', { width: 2000, height: 400 }));
    expect(codes(strip)).toContain('too-small');
  });

  it('names every problem a photo has', async () => {
    const q = await checkPhotoQuality(await takePhoto('label', { width: 400, height: 300, exposure: 0.1 }));
    expect(codes(q)).toEqual(['too-small', 'too-dark']);
  });

  it('measures the upright image (EXIF orientation) in PNG and WebP, from a Uint8Array', async () => {
    const jpeg = await takePhoto('cracked-phone', { width: 1200, height: 900 });
    const rotated = await sharp(jpeg).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const q = await checkPhotoQuality(new Uint8Array(rotated));
    expect(q.metrics).toMatchObject({ width: 900, height: 1200 });
    expect(q.ok).toBe(true);
    for (const format of ['png', 'webp'] as const) {
      expect((await checkPhotoQuality(await takePhoto('shelf', { format }))).ok).toBe(true);
    }
  });

  it('treats transparency as neither dark nor bright', async () => {
    const png = await sharp({
      create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const q = await checkPhotoQuality(png);
    expect(q.metrics.darkShare).toBe(0);
    expect(q.metrics.brightShare).toBe(0);
    // but a flat image has no detail at all
    expect(codes(q)).toEqual(['blurry']);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['NUL bytes', Buffer.alloc(4096)],
    ['text', Buffer.from('not an image at all \u0000\uffff')],
    ['a truncated JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0])],
  ])('refuses %s with a 415-type domain error, not a crash', async (_name, bytes) => {
    const err = await checkPhotoQuality(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('judgePhoto and the measures', () => {
  const good = {
    width: 1600,
    height: 1200,
    sharpness: 500,
    meanLuminance: 120,
    darkShare: 0.05,
    brightShare: 0.05,
  };

  it('draws each line where the constants say', () => {
    expect(judgePhoto(good)).toEqual([]);
    expect(judgePhoto({ ...good, sharpness: BLUR_VARIANCE - 1 }).map((p) => p.code)).toEqual(['blurry']);
    expect(judgePhoto({ ...good, sharpness: BLUR_VARIANCE }).map((p) => p.code)).toEqual([]);
    expect(judgePhoto({ ...good, darkShare: 0.7 }).map((p) => p.code)).toEqual(['too-dark']);
    expect(judgePhoto({ ...good, meanLuminance: 30 }).map((p) => p.code)).toEqual(['too-dark']);
    expect(judgePhoto({ ...good, brightShare: 0.6 }).map((p) => p.code)).toEqual(['too-bright']);
    expect(judgePhoto({ ...good, meanLuminance: 240 }).map((p) => p.code)).toEqual(['too-bright']);
    expect(judgePhoto({ ...good, width: 479 }).map((p) => p.code)).toEqual(['too-small']);
    // 480 on the short edge but under 0.3 MP
    expect(judgePhoto({ ...good, width: 600, height: 480 }).map((p) => p.code)).toEqual(['too-small']);
    // no blur verdict in the dark: there is too little light to measure detail
    expect(judgePhoto({ ...good, meanLuminance: 20, sharpness: 5 }).map((p) => p.code)).toEqual(['too-dark']);
  });

  it('gives a flat image no sharpness and a checkerboard a lot', () => {
    const flat = { data: new Uint8Array(64 * 64).fill(128), width: 64, height: 64 };
    expect(laplacianSharpness(flat)).toBe(0);
    const checker = new Uint8Array(64 * 64).map((_, i) => (((i % 64) + Math.floor(i / 64)) % 2 ? 255 : 0));
    expect(laplacianSharpness({ data: checker, width: 64, height: 64 })).toBeGreaterThan(100_000);
    expect(laplacianSharpness({ data: new Uint8Array(4), width: 2, height: 2 })).toBe(0);
  });
});
