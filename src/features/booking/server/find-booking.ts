import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings } from '@/server/db/schema';
import { normaliseReference, tokensEqual } from '../reference';
import { sha256 } from './tokens';

export type BookingRow = typeof bookings.$inferSelect;

/**
 * Finds a booking by reference and its secret tracking token. Unknown reference and wrong
 * token give the same answer (null), so a guesser learns nothing.
 */
export async function findBookingByToken(
  db: Db,
  reference: string,
  token: string | undefined | null,
): Promise<BookingRow | null> {
  const ref = normaliseReference(reference);
  if (!ref || !token || token.length > 200) return null;
  const [row] = await db.select().from(bookings).where(eq(bookings.reference, ref));
  const hash = sha256(token);
  if (!row) {
    tokensEqual(hash, hash); // keep timing similar for unknown references
    return null;
  }
  return tokensEqual(row.trackingTokenHash, hash) ? row : null;
}
