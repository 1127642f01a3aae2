import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/domain-error';
import { processImage } from './process-image';

const LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000 };

function picture(width: number, height: number) {
  // two halves of different colours, so orientation can be checked by the pixels too
  return sharp({ create: { width, height, channels: 3, background: '#c00' } }).composite([
    {
      input: { create: { width: Math.ceil(width / 2), height, channels: 3, background: '#00c' } },
      left: 0,
      top: 0,
    },
  ]);
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('processImage', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
  ] as const)('stores a %s as itself with a smaller WebP thumbnail', async (format, mime) => {
    const input = await picture(800, 600).toFormat(format).toBuffer();
    const out = await processImage(input, LIMITS, { type: mime, name: `p.${format}` });
    expect(out).toMatchObject({ format, mimeType: mime, width: 800, height: 600 });
    expect((await sharp(out.full).metadata()).format).toBe(format);
    const thumb = await sharp(out.thumb).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 320, height: 240 });
    expect(out.thumb.length).toBeLessThan(out.full.length);
    expect(out.sha256).toBe(createHash('sha256').update(out.full).digest('hex'));
  });

  it('turns the image upright by its EXIF orientation and strips EXIF (GPS included)', async () => {
    const input = await picture(400, 200)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' }, IFD0: { Artist: 'Someone' } })
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString('latin1')).toContain('Someone');

    const out = await processImage(input, LIMITS, { type: 'image/jpeg' });
    expect([out.width, out.height]).toEqual([200, 400]);
    const after = await sharp(out.full).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
  });

  it('scales the long edge down to 2560 px', async () => {
    const input = await picture(4000, 1000).jpeg({ quality: 50 }).toBuffer();
    const out = await processImage(input, LIMITS);
    expect([out.width, out.height]).toEqual([2560, 640]);
  });

  it('refuses images with more pixels than the limit (decompression bombs) with 422', async () => {
    // a 10,000 x 10,000 PNG of one colour is tiny on disk and 400 MB once decoded
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = await refusal(processImage(bomb, LIMITS));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fieldErrors[0]).toMatchObject({ path: 'file' });
    expect(err.message).toMatch(/10000 × 10000 pixels/);
  });

  it('refuses what is not a JPEG/PNG/WebP, or lies about it, with 415', async () => {
    const png = await picture(20, 20).png().toBuffer();
    const cases: Array<[Buffer, { type?: string; name?: string }, RegExp]> = [
      [Buffer.from('not an image at all'), { type: 'image/png', name: 'photo.png' }, /not a photo/],
      [Buffer.from('%PDF-1.7\n...'), { type: 'application/pdf' }, /not a photo/],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        { type: 'image/svg+xml' },
        /SVG images are not accepted/,
      ],
      [png, { type: 'image/jpeg', name: 'x.jpg' }, /says it is JPEG, but its contents are PNG/],
      // the right magic number followed by garbage
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]), {}, /cannot be read/],
      [await sharp(png).gif().toBuffer(), { type: 'image/gif' }, /GIF images are not accepted/],
    ];
    for (const [bytes, declared, message] of cases) {
      const err = await refusal(processImage(bytes, LIMITS, declared));
      expect(err.code, String(message)).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(err.message).toMatch(message);
      expect(err.fieldErrors).toEqual([{ path: 'file', message: err.message }]);
    }
  });

  it('refuses an oversized file with 413 without decoding it', async () => {
    const input = await picture(100, 100).jpeg().toBuffer();
    const err = await refusal(processImage(input, { ...LIMITS, maxBytes: 100 }));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
