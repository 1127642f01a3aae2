/**
 * Adds a processed photo to an order: the blobs are written first under new ids, then one
 * transaction locks the order, checks the caller may still change it, stores the row and a
 * 'photo_added' timeline event (visible to whom the photo is) and tells the customer in-app
 * about a photo they can see. If the transaction fails the blobs are removed again.
 *
 * With an Idempotency-Key (one per photo on the client) a retry of an upload whose answer was
 * lost finds the row stored the first time (under the order's lock, so two racing retries
 * cannot both store it) and answers with it instead of storing the photo twice.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderPhotos } from '@/server/db/schema';
import { getBlobStore } from '@/server/storage';
import { logger } from '@/server/logger';
import type { AppAbility } from '@/features/access';
import { createNotifications, publishNotifications } from '@/features/notifications/server';
import { FORMAT_EXTENSION } from '../photo-rules';
import type { PhotoUploadFields } from '../schemas';
import {
  assertCan,
  loadOrder,
  type LoadedOrder,
  appendOrderEvent,
  publishOrderEvents,
  type EventActor,
} from '@/features/repairs/server';
import type { ProcessedImage } from './process-image';
import type { PhotoRow } from './photo-access';

export interface PhotoCaller {
  ability: AppAbility;
  actor: EventActor;
}

/** Who adds a photo, and how their right to is checked. */
export interface PhotoAdder {
  actor: EventActor;
  /** may this caller add the photo to this order (checked again under the order's lock)? throws if not */
  check: (loaded: LoadedOrder, tx: Db) => void | Promise<void>;
  /** 'booking': the customer through the manage link (no in-app notice about their own photo) */
  via?: 'staff' | 'booking';
  idempotencyKey?: string;
}

/** The staff caller: the assigned technician or a manager (see canAddPhotos). */
export function staffPhotoCaller(
  ability: AppAbility,
  actor: EventActor,
  idempotencyKey?: string,
): PhotoAdder {
  return { actor, check: (loaded) => assertCan(ability, 'update', loaded), idempotencyKey };
}

/** The photo an earlier upload with this Idempotency-Key stored on the order, if any. */
export async function findPhotoByKey(
  db: Db,
  orderId: string,
  key: string | undefined,
): Promise<PhotoRow | null> {
  if (!key) return null;
  const [row] = await db
    .select()
    .from(repairOrderPhotos)
    .where(and(eq(repairOrderPhotos.orderId, orderId), eq(repairOrderPhotos.idempotencyKey, key)));
  return row ?? null;
}

/** Checks before the body is read: 404 unknown/unreadable order, 403 not allowed to change it. */
export async function assertCanUploadTo(db: Db, orderId: string, ability: AppAbility): Promise<LoadedOrder> {
  const loaded = await loadOrder(db, orderId);
  assertCan(ability, 'update', loaded);
  return loaded;
}

export function photoKeys(id: string, format: ProcessedImage['format']) {
  const dir = `photos/${id.slice(0, 2)}`;
  return { storageKey: `${dir}/${id}.${FORMAT_EXTENSION[format]}`, thumbKey: `${dir}/${id}-thumb.webp` };
}

export async function addPhoto(
  db: Db,
  orderId: string,
  image: ProcessedImage,
  fields: PhotoUploadFields,
  caller: PhotoAdder,
): Promise<{ photo: PhotoRow; loaded: LoadedOrder; replayed: boolean }> {
  const id = randomUUID();
  const keys = photoKeys(id, image.format);
  const store = getBlobStore();
  const removeBlobs = () =>
    Promise.all([store.delete(keys.storageKey), store.delete(keys.thumbKey)]).catch((err: unknown) =>
      logger.error({ err, photoId: id }, 'could not remove the blobs of a photo that was not saved'),
    );
  try {
    await store.put(keys.storageKey, image.full);
    await store.put(keys.thumbKey, image.thumb);
  } catch (err) {
    await removeBlobs();
    throw err;
  }

  let result;
  try {
    result = await db.transaction(async (tx) => {
      const loaded = await loadOrder(tx, orderId, true);
      const earlier = await findPhotoByKey(tx, loaded.order.id, caller.idempotencyKey);
      if (earlier) return { loaded, photo: earlier, events: [], notifications: [], replayed: true };
      // checked again under the lock: the order may have been reassigned while the file came in
      await caller.check(loaded, tx);
      const [photo] = await tx
        .insert(repairOrderPhotos)
        .values({
          id,
          orderId: loaded.order.id,
          kind: fields.kind,
          visibility: fields.visibility,
          mimeType: image.mimeType,
          sizeBytes: image.full.length,
          width: image.width,
          height: image.height,
          sha256: image.sha256,
          storageKey: keys.storageKey,
          thumbKey: keys.thumbKey,
          caption: fields.caption ?? null,
          uploadedBy: caller.actor.userId,
          uploadedVia: caller.via ?? 'staff',
          idempotencyKey: caller.idempotencyKey ?? null,
        })
        .returning();
      const event = await appendOrderEvent(tx, {
        orderId: loaded.order.id,
        type: 'photo_added',
        actor: caller.actor,
        visibility: fields.visibility,
        message: fields.caption ?? null,
        data: { photoId: id, kind: fields.kind },
      });
      const customerId = loaded.booking.userId;
      const notifications =
        fields.visibility === 'customer' &&
        caller.via !== 'booking' &&
        customerId &&
        customerId !== caller.actor.userId
          ? await createNotifications(tx, [
              {
                userId: customerId,
                type: 'photo_added',
                orderId: loaded.order.id,
                reference: loaded.order.reference,
                data: { photoId: id, kind: fields.kind },
              },
            ])
          : [];
      return { loaded, photo: photo!, events: [event], notifications, replayed: false };
    });
  } catch (err) {
    await removeBlobs();
    throw err;
  }
  if (result.replayed) {
    await removeBlobs();
    return { photo: result.photo, loaded: result.loaded, replayed: true };
  }
  publishOrderEvents(result.loaded.order, result.events);
  publishNotifications(result.notifications);
  return { photo: result.photo, loaded: result.loaded, replayed: false };
}
