/**
 * The three views of an order's photos: staff (all, with who uploaded them), the signed-in
 * owner (customer-visible only) and the tracking-link holder (customer-visible only).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrders } from '@/server/db/schema';
import { env } from '@/env';
import type { AppAbility } from '@/features/access';
import {
  findBookingByToken,
  assertCan,
  loadOrder,
  orderNotFound,
  type LoadedOrder,
} from '@/features/repairs/server';
import { ACCEPT_ATTRIBUTE } from '../photo-rules';
import {
  photoFingerprint,
  variantPixelWidth,
  variantWidthsFor,
  type VariantFormat,
  type VariantWidth,
} from '../photo-variants';
import type { Photo, PhotoList } from '../schemas';
import { canAddPhotos, canDeletePhoto, selectOrderPhotos, type PhotoWithUploader } from './photo-access';

export function maxUploadBytes(): number {
  return Math.floor(env.MAX_UPLOAD_MB * 1024 * 1024);
}

export function maxUploadPixels(): number {
  return Math.floor(env.MAX_UPLOAD_MEGAPIXELS * 1_000_000);
}

/**
 * The URL of a photo's bytes, fingerprinted with its content hash (`v`: cacheable for a year);
 * a tracking token is carried along so an <img> can load it.
 */
export function photoUrl(
  p: { id: string; sha256: string },
  size: 'thumb' | 'full',
  token?: string,
  variant?: { w: VariantWidth; format: VariantFormat },
): string {
  const q = new URLSearchParams(variant ? { w: String(variant.w), format: variant.format } : { size });
  q.set('v', photoFingerprint(p.sha256));
  if (token) q.set('token', token);
  return `/api/photos/${p.id}?${q.toString()}`;
}

/** A `srcset` value: each offered width's URL with its real pixel width. */
export function photoSrcSet(
  p: { id: string; sha256: string; width: number },
  format: VariantFormat,
  token?: string,
) {
  return variantWidthsFor(p.width)
    .map((w) => `${photoUrl(p, 'full', token, { w, format })} ${variantPixelWidth(p.width, w)}w`)
    .join(', ');
}

export function toPhotoDto(
  p: PhotoWithUploader,
  opts: { staff: boolean; canDelete: boolean; token?: string },
): Photo {
  return {
    id: p.id,
    kind: p.kind,
    visibility: p.visibility,
    mimeType: p.mimeType,
    sizeBytes: p.sizeBytes,
    width: p.width,
    height: p.height,
    caption: p.caption,
    createdAt: p.createdAt.toISOString(),
    uploadedBy: opts.staff && p.uploadedBy ? { id: p.uploadedBy, name: p.uploaderName ?? '' } : null,
    url: photoUrl(p, 'full', opts.token),
    thumbUrl: photoUrl(p, 'thumb', opts.token),
    srcSet: { avif: photoSrcSet(p, 'avif', opts.token), webp: photoSrcSet(p, 'webp', opts.token) },
    canDelete: opts.canDelete,
  };
}

/** Staff: every photo of the order (404 for an unknown order). */
export async function listStaffPhotos(
  db: Db,
  orderId: string,
  caller: { ability: AppAbility; userId: string },
): Promise<PhotoList> {
  const loaded = await loadOrder(db, orderId);
  assertCan(caller.ability, 'read', loaded);
  const rows = await selectOrderPhotos(db, loaded.order.id, false);
  return {
    items: rows.map((p) =>
      toPhotoDto(p, { staff: true, canDelete: canDeletePhoto(caller.ability, loaded, p, caller.userId) }),
    ),
    limits: { maxBytes: maxUploadBytes(), accept: ACCEPT_ATTRIBUTE.split(',') },
    canUpload: canAddPhotos(caller.ability, loaded),
  };
}

async function customerList(db: Db, loaded: LoadedOrder, token?: string): Promise<PhotoList> {
  const rows = await selectOrderPhotos(db, loaded.order.id, true);
  return {
    items: rows.map((p) => toPhotoDto(p, { staff: false, canDelete: false, token })),
    canUpload: false,
  };
}

/** The signed-in customer's own order; anyone else gets the same 404 as an unknown reference. */
export async function listAccountPhotos(db: Db, reference: string, userId: string): Promise<PhotoList> {
  let loaded: LoadedOrder;
  try {
    loaded = await loadOrder(db, reference);
  } catch {
    throw orderNotFound();
  }
  if (!loaded.booking.userId || loaded.booking.userId !== userId) throw orderNotFound();
  return customerList(db, loaded);
}

/** The tracking-link holder; a wrong token is answered like an unknown reference. */
export async function listTrackedPhotos(db: Db, reference: string, token: string | undefined) {
  const booking = await findBookingByToken(db, reference, token);
  if (!booking) return null;
  const [order] = await db.select().from(repairOrders).where(eq(repairOrders.bookingId, booking.id));
  if (!order) return null;
  return customerList(db, { order, booking }, token);
}
