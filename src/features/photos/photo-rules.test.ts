import { describe, expect, it } from 'vitest';
import { checkPhotoBytes, claimedTypes, photoCheckMessage, sniffImageType } from './photo-rules';

const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR');
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], compatible.join(''));
};

describe('sniffImageType', () => {
  it.each([
    ['jpeg', JPEG],
    ['png', PNG],
    ['webp', WEBP],
    ['heic', ftyp('heic', 'mif1', 'heic')],
    ['heic', ftyp('mif1', 'mif1', 'heic')],
    ['avif', ftyp('avif', 'mif1', 'avif')],
    ['avif', ftyp('mif1', 'mif1', 'avif')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['pdf', bytes('%PDF-1.7\n')],
    [
      'svg',
      bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ['svg', bytes([0xef, 0xbb, 0xbf], '  \n<svg onload="x()">')],
    ['html', bytes('<!doctype html><html>')],
    ['zip', bytes([0x50, 0x4b, 0x03, 0x04, 0x14])],
    ['tiff', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
    ['unknown', bytes('just some text, not an image')],
    ['unknown', bytes([])],
    ['unknown', bytes([0xff, 0xd8])],
  ] as const)('reads %s from the bytes', (type, b) => {
    expect(sniffImageType(b)).toBe(type);
  });
});

describe('claimedTypes', () => {
  it('reads the declared type and the extension, ignoring what names no type', () => {
    expect(claimedTypes('image/jpeg', 'IMG_0001.JPG')).toEqual(['jpeg', 'jpeg']);
    expect(claimedTypes('image/png; charset=binary', 'x')).toEqual(['png']);
    expect(claimedTypes('application/octet-stream', 'photo')).toEqual([]);
    expect(claimedTypes('', undefined)).toEqual([]);
    expect(claimedTypes('image/x-mystery', 'a.bin')).toEqual(['unknown']);
    expect(claimedTypes(undefined, 'scan.heic')).toEqual(['heic']);
  });
});

describe('checkPhotoBytes', () => {
  const MAX = 1000;
  it('accepts JPEG, PNG and WebP whose name and type agree (or say nothing)', () => {
    expect(checkPhotoBytes(JPEG, 10, MAX, 'image/jpeg', 'a.jpeg')).toEqual({ ok: true, format: 'jpeg' });
    expect(checkPhotoBytes(PNG, 10, MAX, 'image/png', 'a.png')).toEqual({ ok: true, format: 'png' });
    expect(checkPhotoBytes(WEBP, 10, MAX, 'image/webp', 'a.webp')).toEqual({ ok: true, format: 'webp' });
    expect(checkPhotoBytes(JPEG, 10, MAX, 'application/octet-stream', 'blob')).toEqual({
      ok: true,
      format: 'jpeg',
    });
  });

  it('refuses empty and oversized files before looking further', () => {
    expect(checkPhotoBytes(JPEG, 0, MAX)).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkPhotoBytes(JPEG, MAX + 1, MAX)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('refuses a text file named photo.png and declared image/png', () => {
    const check = checkPhotoBytes(bytes('hello'), 5, MAX, 'image/png', 'photo.png');
    expect(check).toMatchObject({ ok: false, reason: 'not_image' });
  });

  it('refuses a PNG that says it is a JPEG (by type or by name)', () => {
    expect(checkPhotoBytes(PNG, 10, MAX, 'image/jpeg', 'x')).toMatchObject({
      ok: false,
      reason: 'mismatch',
      detected: 'png',
      claimed: 'jpeg',
    });
    expect(checkPhotoBytes(PNG, 10, MAX, 'image/png', 'x.jpg')).toMatchObject({ reason: 'mismatch' });
  });

  it('refuses HEIC with its own explanation, and other image types as unsupported', () => {
    const heic = checkPhotoBytes(ftyp('heic', 'mif1', 'heic'), 10, MAX, 'image/heic', 'IMG.HEIC');
    expect(heic).toMatchObject({ ok: false, reason: 'heic' });
    expect(photoCheckMessage(heic as Exclude<typeof heic, { ok: true }>, MAX)).toMatch(/Most Compatible/);
    expect(checkPhotoBytes(bytes('GIF89a'), 10, MAX)).toMatchObject({ reason: 'unsupported' });
    expect(checkPhotoBytes(bytes('<svg>'), 10, MAX, 'image/svg+xml')).toMatchObject({
      reason: 'unsupported',
    });
    expect(checkPhotoBytes(bytes('%PDF-1.4'), 10, MAX, 'application/pdf')).toMatchObject({
      reason: 'not_image',
    });
  });

  it('explains every refusal in plain words', () => {
    const check = checkPhotoBytes(PNG, 10, MAX, 'image/jpeg');
    if (check.ok) throw new Error('expected a refusal');
    expect(photoCheckMessage(check, 10 * 1024 * 1024)).toBe(
      'The file says it is JPEG, but its contents are PNG.',
    );
    expect(photoCheckMessage({ ok: false, reason: 'too_large', detected: 'jpeg' }, 10 * 1024 * 1024)).toBe(
      'The file is larger than 10 MB.',
    );
  });
});
