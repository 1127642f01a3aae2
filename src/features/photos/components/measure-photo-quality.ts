'use client';
/**
 * The photo quality check in the browser, for a photo picked before there is anything to upload
 * it to (the booking form's damage photos): the same judgement as the server's
 * (photo-quality-rules.ts) on a greyscale copy drawn on a canvas. Advice only: null when the
 * browser cannot draw the image, and the server's verdict on upload is the one that counts.
 */
import { ANALYSIS_EDGE, assessGrey, type PhotoQuality } from '../photo-quality-rules';

export async function measurePhotoQuality(file: Blob): Promise<PhotoQuality | null> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    try {
      const scale = Math.min(1, ANALYSIS_EDGE / Math.max(bitmap.width, bitmap.height));
      const w = Math.max(1, Math.round(bitmap.width * scale));
      const h = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) return null;
      // transparency counts as mid-grey, as on the server
      ctx.fillStyle = '#808080';
      ctx.fillRect(0, 0, w, h);
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(bitmap, 0, 0, w, h);
      const rgba = ctx.getImageData(0, 0, w, h).data;
      const grey = new Uint8Array(w * h);
      for (let i = 0; i < grey.length; i++) {
        grey[i] = Math.round(0.2126 * rgba[i * 4]! + 0.7152 * rgba[i * 4 + 1]! + 0.0722 * rgba[i * 4 + 2]!);
      }
      return assessGrey({ data: grey, width: w, height: h }, { width: bitmap.width, height: bitmap.height });
    } finally {
      bitmap.close();
    }
  } catch {
    return null;
  }
}
