/**
 * The quality of a photo already stored: for an upload answered again (a retry with the same
 * Idempotency-Key), whose answer carries the quality like the first one did. The stored image
 * is the one the first answer measured (upright, at most 2560 px), so the verdict is the same.
 */
import { getBlobStore } from '@/server/storage';
import { logger } from '@/server/logger';
import type { PhotoRow } from './photo-access';
import { checkPhotoQuality, type PhotoQuality } from './photo-quality';

/** null only when the stored file is missing (logged: a row pointing at no file is a fault). */
export async function storedPhotoQuality(
  photo: Pick<PhotoRow, 'id' | 'storageKey'>,
): Promise<PhotoQuality | null> {
  const bytes = await getBlobStore().get(photo.storageKey);
  if (!bytes) {
    logger.error({ photoId: photo.id, key: photo.storageKey }, 'a photo row points at a missing file');
    return null;
  }
  return checkPhotoQuality(bytes);
}
