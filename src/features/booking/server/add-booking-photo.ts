/**
 * A photo of the damage from the customer, through the booking's signed manage link: stored on
 * the booking's order as a customer-visible 'before' photo. At most BOOKING_PHOTO_MAX per
 * booking, and only while the order is booked or received (checked again under the order's
 * lock, so two uploads racing for the last place cannot both take it).
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { findOrder } from '@/features/repairs/server';
import {
  addPhoto,
  checkPhotoQuality,
  countBookingPhotos,
  findPhotoByKey,
  maxUploadBytes,
  maxUploadPixels,
  processImage,
  storedPhotoQuality,
  type PhotoQuality,
} from '@/features/photos/server';
import { BOOKING_PHOTO_MAX, BOOKING_PHOTO_STATUSES } from '../booking-photos';
import { manageNotFound } from './lock-booking';
import { verifiedReference } from './manage-link';

export interface BookingPhotoInput {
  bytes: Buffer;
  type?: string;
  name?: string;
  caption?: string;
  idempotencyKey?: string;
}

export interface BookingPhotoResult {
  photo: { id: string; sizeBytes: number; width: number; height: number; caption: string | null };
  /** how many more the customer may still add */
  remaining: number;
  /** advice to retake (too dark, blurry…); the photo is stored either way */
  quality: PhotoQuality | null;
  replayed: boolean;
}

/** The booking's order for a valid manage signature; 404 for a wrong signature or reference. */
export async function bookingOrderForPhotos(db: Db, reference: string, sig: string | null | undefined) {
  const ref = verifiedReference(reference, sig);
  if (!ref) throw manageNotFound();
  const loaded = await findOrder(db, ref);
  if (!loaded) throw manageNotFound();
  return loaded;
}

function assertOpen(status: string, taken: number) {
  if (!BOOKING_PHOTO_STATUSES.includes(status)) {
    throw new DomainError(
      'CONFLICT',
      'Photos can be added only until the shop starts work on the device. Bring the device and show the damage at the counter.',
    );
  }
  if (taken >= BOOKING_PHOTO_MAX) {
    throw new DomainError(
      'CONFLICT',
      `This booking already has ${BOOKING_PHOTO_MAX} photos, the most we take; show anything else at the counter.`,
      [{ path: 'file', message: `At most ${BOOKING_PHOTO_MAX} photos per booking.` }],
    );
  }
}

export async function addBookingPhoto(
  db: Db,
  reference: string,
  sig: string | null | undefined,
  input: BookingPhotoInput,
): Promise<BookingPhotoResult> {
  const loaded = await bookingOrderForPhotos(db, reference, sig);
  const orderId = loaded.order.id;
  const toResult = async (
    p: { id: string; sizeBytes: number; width: number; height: number; caption: string | null },
    replayed: boolean,
    quality: PhotoQuality | null,
  ): Promise<BookingPhotoResult> => ({
    photo: { id: p.id, sizeBytes: p.sizeBytes, width: p.width, height: p.height, caption: p.caption },
    remaining: Math.max(0, BOOKING_PHOTO_MAX - (await countBookingPhotos(db, orderId))),
    replayed,
    quality,
  });

  const earlier = await findPhotoByKey(db, orderId, input.idempotencyKey);
  if (earlier) return toResult(earlier, true, await storedPhotoQuality(earlier));
  // refuse before the image is decoded
  assertOpen(loaded.order.status, await countBookingPhotos(db, orderId));

  const image = await processImage(
    input.bytes,
    { maxBytes: maxUploadBytes(), maxPixels: maxUploadPixels() },
    { type: input.type, name: input.name },
  );
  const quality = await checkPhotoQuality(image.full);
  const { photo, replayed } = await addPhoto(
    db,
    orderId,
    image,
    { kind: 'before', visibility: 'customer', caption: input.caption },
    {
      actor: { name: loaded.booking.customerName, userId: loaded.booking.userId, role: 'customer' },
      via: 'booking',
      idempotencyKey: input.idempotencyKey,
      check: async (locked, tx) => assertOpen(locked.order.status, await countBookingPhotos(tx, orderId)),
    },
  );
  return toResult(photo, replayed, quality);
}
