/**
 * The two ways a customer reaches an order: signed in as the account that owns it, or holding
 * its tracking link. Both answer null for "no such order" and "not yours" alike, so a guesser
 * learns nothing.
 */
import type { Db } from '@/server/db/runtime';
import { normaliseReference } from './reference';
import { findBookingByToken } from './tracking';
import { findOrder, type LoadedOrder } from './lock-order';

/**
 * The order when its booking belongs to `userId`. Staff reach orders through the console, not
 * here: this is the owner's view, so an order of someone else is "not found" whatever the role.
 */
export async function findOwnedOrder(
  db: Db,
  userId: string,
  reference: string,
  forUpdate = false,
): Promise<LoadedOrder | null> {
  const ref = normaliseReference(reference);
  if (!ref) return null;
  const loaded = await findOrder(db, ref, forUpdate);
  return loaded && loaded.booking.userId === userId ? loaded : null;
}

/** The order behind a tracking link (reference + its secret token). */
export async function findOrderByToken(
  db: Db,
  reference: string,
  token: string | null | undefined,
  forUpdate = false,
): Promise<LoadedOrder | null> {
  const booking = await findBookingByToken(db, reference, token);
  if (!booking) return null;
  return findOrder(db, booking.reference, forUpdate);
}
