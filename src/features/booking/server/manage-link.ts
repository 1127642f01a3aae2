import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings } from '@/server/db/schema';
import { sign, verifySignature } from '@/server/secrets';
import { normaliseReference } from '@/features/repairs/server';
import type { BookingRow } from '@/features/repairs/server';

export const MANAGE_PURPOSE = 'manage-booking';

/** The signature that authorises managing (viewing, cancelling, rescheduling) one booking. */
export function manageSignature(reference: string): string {
  return sign(reference, MANAGE_PURPOSE);
}

/** The customer's signed link to manage a booking, e.g. https://shop/manage/RT-4K7Q2Z?sig=… */
export function manageUrl(baseUrl: string, reference: string): string {
  return `${baseUrl}${managePath(reference)}`;
}

export function managePath(reference: string): string {
  return `/manage/${reference}?sig=${encodeURIComponent(manageSignature(reference))}`;
}

export function manageCalendarPath(reference: string): string {
  return `/api/bookings/${reference}/manage/calendar.ics?sig=${encodeURIComponent(manageSignature(reference))}`;
}

/** The normalised reference when `sig` is its valid manage signature, else null. */
export function verifiedReference(reference: string, sig: string | null | undefined): string | null {
  const ref = normaliseReference(reference);
  if (!ref || !sig || sig.length > 200) return null;
  return verifySignature(ref, MANAGE_PURPOSE, sig) ? ref : null;
}

/**
 * The booking behind a signed manage link. A wrong or missing signature and an unknown
 * reference give the same answer (null); the signature is checked before the database is
 * asked, so nothing about the reference's existence can be learnt without a valid link.
 */
export async function findBookingBySignature(
  db: Db,
  reference: string,
  sig: string | null | undefined,
): Promise<BookingRow | null> {
  const ref = verifiedReference(reference, sig);
  if (!ref) return null;
  const [row] = await db.select().from(bookings).where(eq(bookings.reference, ref));
  return row ?? null;
}
