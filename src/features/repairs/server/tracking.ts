import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings } from '@/server/db/schema';
import { normaliseReference, tokensEqual } from './reference';
import { sign, verifySignature } from '@/server/secrets';
import { sha256 } from './tokens';

const TRACK_PURPOSE = 'track-repair';
const SIGNED_PREFIX = 's.';

/**
 * A tracking token the server can make again at any time (for status e-mails, the job ticket,
 * the portal): an HMAC of the reference. The random token given at booking keeps working.
 */
export function signedTrackingToken(reference: string): string {
  return SIGNED_PREFIX + sign(reference, TRACK_PURPOSE);
}

export function signedTrackingPath(reference: string): string {
  return `/track/${reference}?token=${encodeURIComponent(signedTrackingToken(reference))}`;
}

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
  if (token.startsWith(SIGNED_PREFIX)) {
    // checked before the database is asked: nothing is learnt without a valid signature
    if (!verifySignature(ref, TRACK_PURPOSE, token.slice(SIGNED_PREFIX.length))) return null;
    const [row] = await db.select().from(bookings).where(eq(bookings.reference, ref));
    return row ?? null;
  }
  const [row] = await db.select().from(bookings).where(eq(bookings.reference, ref));
  const hash = sha256(token);
  if (!row) {
    tokensEqual(hash, hash); // keep timing similar for unknown references
    return null;
  }
  return tokensEqual(row.trackingTokenHash, hash) ? row : null;
}
