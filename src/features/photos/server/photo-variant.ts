/**
 * A responsive variant of a stored photo (AVIF or WebP at one of VARIANT_WIDTHS), made on its
 * first request from the stored full image and kept in the blob store beside it, so every
 * later request (on any instance sharing the store) streams the file. Two racing first
 * requests both encode it and write the same bytes atomically; neither sees a half file.
 */
import type { BlobStream } from '@/server/storage';
import { getBlobStore } from '@/server/storage';
import { variantKey, variantPixelWidth, type VariantFormat, type VariantWidth } from '../photo-variants';
import { loadSharp, withSlot } from './sharp-runtime';

export const VARIANT_MIME: Record<VariantFormat, string> = { avif: 'image/avif', webp: 'image/webp' };

/** Encodes one variant from the stored full image (already upright and without metadata). */
export async function encodeVariant(
  full: Buffer,
  photoWidth: number,
  w: VariantWidth,
  format: VariantFormat,
): Promise<Buffer> {
  const sharp = await loadSharp();
  return withSlot(async () => {
    const img = sharp(full, { failOn: 'error' })
      .timeout({ seconds: 30 })
      .resize({ width: variantPixelWidth(photoWidth, w), withoutEnlargement: true });
    // effort 2: AVIF's default (4) takes several times longer for a few per cent of bytes
    if (format === 'avif') img.avif({ quality: 55, effort: 2 });
    else img.webp({ quality: 78 });
    return img.toBuffer();
  });
}

/** The variant's bytes from the store, made and stored first when missing; null without the photo's file. */
export async function openVariant(
  photo: { storageKey: string; width: number },
  w: VariantWidth,
  format: VariantFormat,
): Promise<BlobStream | null> {
  const store = getBlobStore();
  const key = variantKey(photo.storageKey, w, format);
  const stored = await store.stream(key);
  if (stored) return stored;
  const full = await store.get(photo.storageKey);
  if (!full) return null;
  const bytes = await encodeVariant(full, photo.width, w, format);
  await store.put(key, bytes);
  return { body: new Blob([new Uint8Array(bytes)]).stream(), size: bytes.length };
}
