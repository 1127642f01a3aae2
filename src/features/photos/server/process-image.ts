/**
 * Turns an uploaded file into what we store: the type is read from the bytes (never the name
 * or declared Content-Type), the image is decoded by sharp with a pixel limit (decompression
 * bombs), turned upright by its EXIF orientation, stripped of all metadata (EXIF, GPS, XMP,
 * IPTC, ICC: converted to sRGB), scaled to at most 2560 px on the long edge and re-encoded in
 * its own format; plus a WebP thumbnail of at most 320 px.
 */
import { createHash } from 'node:crypto';
import type { Metadata } from 'sharp';
import { DomainError } from '@/server/domain-error';
import {
  checkPhotoBytes,
  FORMAT_MIME,
  photoCheckMessage,
  TYPE_NAMES,
  type AcceptedFormat,
} from '../photo-rules';
import { loadSharp, withSlot } from './sharp-runtime';

export const FULL_MAX_EDGE = 2560;
export const THUMB_MAX_EDGE = 320;

export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
}

export interface ProcessedImage {
  format: AcceptedFormat;
  mimeType: string;
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  /** hex SHA-256 of the stored (re-encoded) full image */
  sha256: string;
}

/** Why a file was refused: the status and the field message the API answers with. */
export class ImageRejectedError extends DomainError {}

function refuse(code: 'UNSUPPORTED_MEDIA_TYPE' | 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE', message: string) {
  return new ImageRejectedError(code, message, [{ path: 'file', message }]);
}

export async function processImage(
  bytes: Buffer,
  limits: ImageLimits,
  declared: { type?: string; name?: string } = {},
): Promise<ProcessedImage> {
  const check = checkPhotoBytes(
    bytes.subarray(0, 1024),
    bytes.length,
    limits.maxBytes,
    declared.type,
    declared.name,
  );
  if (!check.ok) {
    const message = photoCheckMessage(check, limits.maxBytes);
    if (check.reason === 'too_large') throw refuse('PAYLOAD_TOO_LARGE', message);
    if (check.reason === 'empty') throw refuse('VALIDATION_FAILED', message);
    throw refuse('UNSUPPORTED_MEDIA_TYPE', message);
  }
  const format = check.format;
  const name = TYPE_NAMES[format];

  const sharp = await loadSharp();
  return withSlot(async () => {
    // the header first: the format libvips sees must be the one the bytes claimed, and the
    // pixel count is checked before anything is decoded
    let meta: Metadata;
    try {
      meta = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
    } catch {
      throw refuse('UNSUPPORTED_MEDIA_TYPE', `The file looks like a ${name} image but cannot be read.`);
    }
    if (meta.format !== format || !meta.width || !meta.height) {
      throw refuse('UNSUPPORTED_MEDIA_TYPE', `The file looks like a ${name} image but cannot be read.`);
    }
    if (meta.width * meta.height > limits.maxPixels) {
      const mp = Math.round(limits.maxPixels / 1e6);
      throw refuse(
        'VALIDATION_FAILED',
        `The image is ${meta.width} × ${meta.height} pixels; the most we accept is ${mp} megapixels.`,
      );
    }

    const base = sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .timeout({ seconds: 30 })
      .autoOrient();
    const full = base
      .clone()
      .resize({ width: FULL_MAX_EDGE, height: FULL_MAX_EDGE, fit: 'inside', withoutEnlargement: true });
    if (format === 'jpeg') full.jpeg({ quality: 85, mozjpeg: true });
    else if (format === 'png') full.png({ compressionLevel: 8 });
    else full.webp({ quality: 85 });
    const thumb = base
      .clone()
      .resize({ width: THUMB_MAX_EDGE, height: THUMB_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 72 });
    try {
      const [f, t] = await Promise.all([
        full.toBuffer({ resolveWithObject: true }),
        thumb.toBuffer({ resolveWithObject: true }),
      ]);
      return {
        format,
        mimeType: FORMAT_MIME[format],
        full: f.data,
        thumb: t.data,
        width: f.info.width,
        height: f.info.height,
        thumbWidth: t.info.width,
        thumbHeight: t.info.height,
        sha256: createHash('sha256').update(f.data).digest('hex'),
      };
    } catch (err) {
      if (err instanceof Error && /pixel limit/i.test(err.message)) {
        throw refuse('VALIDATION_FAILED', 'The image has too many pixels.');
      }
      throw refuse('UNSUPPORTED_MEDIA_TYPE', `The file looks like a ${name} image but cannot be read.`);
    }
  });
}
