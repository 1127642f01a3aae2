/**
 * The bytes of one photo, for staff, the order's owner, or the holder of the order's tracking
 * link. Internal photos only for staff. Anyone else gets the same 404 as for a photo that
 * does not exist.
 */
import type { Db } from '@/server/db/runtime';
import { getBlobStore, type BlobStream } from '@/server/storage';
import { photoFingerprint, type VariantFormat, type VariantWidth } from '../photo-variants';
import { openVariant, VARIANT_MIME } from './photo-variant';
import { logger } from '@/server/logger';
import type { AppAbility } from '@/features/access';
import { findBookingByToken, loadOrder, can, type LoadedOrder } from '@/features/repairs/server';
import { isStaff, photoNotFound, selectPhoto } from './photo-access';

export interface PhotoFile extends BlobStream {
  contentType: string;
  etag: string;
  /** the URL carried the photo's content fingerprint: the bytes behind it never change */
  immutable: boolean;
}

/** Which bytes: the stored image or its thumbnail, or a responsive variant; `v` the fingerprint. */
export interface PhotoFileRequest {
  size: 'thumb' | 'full';
  w?: VariantWidth;
  format?: VariantFormat;
  v?: string;
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
  request: PhotoFileRequest,
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
  const fingerprint = photoFingerprint(photo.sha256);
  // a URL for other bytes than these (none exist: a photo never changes) is a URL for nothing
  if (request.v !== undefined && request.v !== fingerprint) throw photoNotFound();
  const immutable = request.v === fingerprint;
  if (request.w && request.format) {
    const variant = await openVariant(photo, request.w, request.format);
    if (!variant) {
      logger.error({ photoId, key: photo.storageKey }, 'a photo row points at a missing file');
      throw photoNotFound();
    }
    return {
      ...variant,
      contentType: VARIANT_MIME[request.format],
      etag: `"${fingerprint}-w${request.w}.${request.format}"`,
      immutable,
    };
  }
  const size = request.size;
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
    immutable,
  };
}
