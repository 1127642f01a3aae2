/**
 * The bytes of one photo, for staff, the order's owner, or the holder of the order's tracking
 * link. Internal photos only for staff. Anyone else gets the same 404 as for a photo that
 * does not exist.
 */
import type { Db } from '@/server/db/runtime';
import { getBlobStore, type BlobStream } from '@/server/storage';
import { logger } from '@/server/logger';
import type { AppAbility } from '@/features/access';
import { findBookingByToken, loadOrder, can, type LoadedOrder } from '@/features/repairs/server';
import { isStaff, photoNotFound, selectPhoto } from './photo-access';

export interface PhotoFile extends BlobStream {
  contentType: string;
  etag: string;
}

export interface PhotoViewer {
  ability: AppAbility;
  userId: string | null;
  token?: string;
}

async function mayView(
  db: Db,
  loaded: LoadedOrder,
  internal: boolean,
  viewer: PhotoViewer,
): Promise<boolean> {
  if (isStaff(viewer.ability) && can(viewer.ability, 'read', loaded)) return true;
  if (internal) return false;
  if (viewer.userId && loaded.booking.userId === viewer.userId) return true;
  if (viewer.token) {
    const booking = await findBookingByToken(db, loaded.booking.reference, viewer.token);
    return booking?.id === loaded.booking.id;
  }
  return false;
}

export async function openPhotoFile(
  db: Db,
  photoId: string,
  size: 'thumb' | 'full',
  viewer: PhotoViewer,
): Promise<PhotoFile> {
  const photo = await selectPhoto(db, photoId);
  if (!photo) throw photoNotFound();
  let loaded: LoadedOrder;
  try {
    loaded = await loadOrder(db, photo.orderId);
  } catch {
    throw photoNotFound();
  }
  if (!(await mayView(db, loaded, photo.visibility === 'internal', viewer))) throw photoNotFound();
  const key = size === 'thumb' ? photo.thumbKey : photo.storageKey;
  const blob = await getBlobStore().stream(key);
  if (!blob) {
    logger.error({ photoId, key }, 'a photo row points at a missing file');
    throw photoNotFound();
  }
  return {
    ...blob,
    contentType: size === 'thumb' ? 'image/webp' : photo.mimeType,
    etag: `"${photo.sha256}${size === 'thumb' ? '-t' : ''}"`,
  };
}
