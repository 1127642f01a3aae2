'use client';
/**
 * On-device resize and re-encode before upload (camera shots and chosen files alike): decoded
 * upright (`imageOrientation: 'from-image'`), scaled so the long edge is at most 2048 px (1280
 * while the battery saver is on), encoded as JPEG (WebP for PNG and WebP, keeping
 * transparency) at ~0.8 (lower under the saver) on an
 * OffscreenCanvas where there is one, else a <canvas>. The original is sent when the result is
 * not smaller, or when the browser cannot decode it (the server checks and says why).
 */
import { saverOn } from '@/components/device/saver';
import { compressedName, compressionPlan, keepCompressed, scaledSize } from '../photo-compression';

export interface CompressedPhoto {
  file: File;
  originalBytes: number;
  /** bytes of what will be sent */
  bytes: number;
  /** whether `file` is the re-encoded one */
  compressed: boolean;
}

/** Photos become JPEG; PNG and WebP (which may have transparency) become WebP. */
function outputTypeOf(inputType: string): string {
  return inputType === 'image/jpeg' ? 'image/jpeg' : 'image/webp';
}

async function encode(
  bitmap: ImageBitmap,
  width: number,
  height: number,
  quality: number,
  type: string,
): Promise<Blob | null> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(bitmap, 0, 0, width, height);
      return canvas.convertToBlob({ type, quality });
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

/** Only image types a browser decodes and we accept; anything else goes as it is for the server to judge. */
const DECODABLE = /^image\/(jpeg|png|webp)$/;

export async function compressPhoto(
  file: Blob & { name?: string },
  saver = saverOn(),
): Promise<CompressedPhoto> {
  const name = file.name || 'photo.jpg';
  const original = file instanceof File ? file : new File([file], name, { type: file.type });
  const asIs: CompressedPhoto = {
    file: original,
    originalBytes: file.size,
    bytes: file.size,
    compressed: false,
  };
  if (!DECODABLE.test(file.type) || typeof createImageBitmap === 'undefined') return asIs;
  let bitmap: ImageBitmap | undefined;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const plan = compressionPlan(saver);
    const size = scaledSize(bitmap.width, bitmap.height, plan.maxEdge);
    if (!size.width || !size.height) return asIs;
    const type = outputTypeOf(file.type);
    const blob = await encode(bitmap, size.width, size.height, plan.quality, type);
    // a browser that cannot encode the type answers PNG: then the original is the better file
    if (!blob || blob.type !== type || !keepCompressed(file.size, blob.size)) return asIs;
    const out = new File([blob], compressedName(name, type), { type, lastModified: Date.now() });
    return { file: out, originalBytes: file.size, bytes: out.size, compressed: true };
  } catch {
    return asIs;
  } finally {
    bitmap?.close();
  }
}
