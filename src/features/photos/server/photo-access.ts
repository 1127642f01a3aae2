/**
 * Who may see and change an order's photos. Internal photos are treated like internal notes:
 * staff only. Customers (the order's owner, or whoever holds its tracking link) see the
 * customer-visible ones.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderPhotos, user } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import type { AppAbility } from '@/features/access';
import { can, isUuid, type LoadedOrder } from '@/features/repairs/server';

export type PhotoRow = typeof repairOrderPhotos.$inferSelect;

export const photoNotFound = () => new DomainError('NOT_FOUND', 'No photo with that id.');

/** Staff: technicians and above (they read every order and its internal notes). */
export function isStaff(ability: AppAbility): boolean {
  return ability.can('read', 'InternalNote');
}

/** May add photos: the assigned technician, or a manager of the order's shop, or an admin. */
export function canAddPhotos(ability: AppAbility, loaded: LoadedOrder): boolean {
  return can(ability, 'update', loaded);
}

/** May delete: whoever may delete the order's records (manager+), or the uploader while assigned. */
export function canDeletePhoto(
  ability: AppAbility,
  loaded: LoadedOrder,
  photo: Pick<PhotoRow, 'uploadedBy'>,
  userId: string | null,
): boolean {
  if (can(ability, 'delete', loaded)) return true;
  return !!userId && photo.uploadedBy === userId && can(ability, 'update', loaded);
}

export interface PhotoWithUploader extends PhotoRow {
  uploaderName: string | null;
}

/** An order's photos, oldest first; `customerOnly` leaves out the internal ones. */
export async function selectOrderPhotos(
  db: Db,
  orderId: string,
  customerOnly: boolean,
): Promise<PhotoWithUploader[]> {
  const where = customerOnly
    ? and(eq(repairOrderPhotos.orderId, orderId), eq(repairOrderPhotos.visibility, 'customer'))
    : eq(repairOrderPhotos.orderId, orderId);
  const rows = await db
    .select({ photo: repairOrderPhotos, uploaderName: user.name })
    .from(repairOrderPhotos)
    .leftJoin(user, eq(user.id, repairOrderPhotos.uploadedBy))
    .where(where)
    .orderBy(asc(repairOrderPhotos.createdAt), asc(repairOrderPhotos.id));
  return rows.map((r) => ({ ...r.photo, uploaderName: r.uploaderName }));
}

export async function selectPhoto(db: Db, photoId: string): Promise<PhotoRow | null> {
  if (!isUuid(photoId)) return null;
  const [row] = await db.select().from(repairOrderPhotos).where(eq(repairOrderPhotos.id, photoId));
  return row ?? null;
}

/** How many photos the customer added to an order from the booking (the manage link). */
export async function countBookingPhotos(db: Db, orderId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(repairOrderPhotos)
    .where(and(eq(repairOrderPhotos.orderId, orderId), eq(repairOrderPhotos.uploadedVia, 'booking')));
  return row?.n ?? 0;
}
