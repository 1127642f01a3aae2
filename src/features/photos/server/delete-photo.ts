/**
 * Removes a photo: managers (and admins) always, the uploader while the order is assigned to
 * them. The row goes and an internal 'photo_removed' event is written in one transaction; the
 * blobs are deleted after it commits (a failed delete leaves an orphan file, never a row
 * pointing at nothing).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderPhotos } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { getBlobStore } from '@/server/storage';
import { logger } from '@/server/logger';
import {
  assertCan,
  loadOrder,
  appendOrderEvent,
  publishOrderEvents,
  isUuid,
} from '@/features/repairs/server';
import { allVariantKeys } from '../photo-variants';
import { canDeletePhoto, photoNotFound } from './photo-access';
import type { PhotoCaller } from './upload-photo';

export async function deletePhoto(
  db: Db,
  orderId: string,
  photoId: string,
  caller: PhotoCaller,
): Promise<void> {
  const result = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, orderId, true);
    assertCan(caller.ability, 'read', loaded);
    if (!isUuid(photoId)) throw photoNotFound();
    const [photo] = await tx
      .select()
      .from(repairOrderPhotos)
      .where(and(eq(repairOrderPhotos.id, photoId), eq(repairOrderPhotos.orderId, loaded.order.id)));
    if (!photo) throw photoNotFound();
    if (!canDeletePhoto(caller.ability, loaded, photo, caller.actor.userId)) {
      throw new DomainError(
        'FORBIDDEN',
        'Only a manager, or the technician who added the photo while the order is theirs, may delete it.',
      );
    }
    await tx.delete(repairOrderPhotos).where(eq(repairOrderPhotos.id, photo.id));
    const event = await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: 'photo_removed',
      actor: caller.actor,
      visibility: 'internal',
      message: null,
      data: { photoId: photo.id, kind: photo.kind, visibility: photo.visibility },
    });
    return { loaded, photo, events: [event] };
  });
  const store = getBlobStore();
  await Promise.all(
    [result.photo.storageKey, result.photo.thumbKey, ...allVariantKeys(result.photo.storageKey)].map((k) =>
      store.delete(k),
    ),
  ).catch((err: unknown) => logger.error({ err, photoId }, 'could not delete the files of a removed photo'));
  publishOrderEvents(result.loaded.order, result.events);
}
