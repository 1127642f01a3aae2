'use client';
import { checkPhotoBytes, type PhotoCheck } from '../photo-rules';

/** The quick check of a picked file before it is compressed (type by its bytes; no size limit yet). */
export async function checkPickedPhoto(file: File): Promise<PhotoCheck> {
  const head = new Uint8Array(await file.slice(0, 1024).arrayBuffer());
  return checkPhotoBytes(head, file.size, Number.MAX_SAFE_INTEGER, file.type, file.name);
}
