import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings } from '@/server/db/schema';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import type { ReminderJob } from './schedule-reminder';
import { sendTemplate } from '@/features/email/server';
import { formatSlot } from './format-slot';
import { manageUrl } from './manage-link';

export type ReminderOutcome = 'sent' | 'already-sent' | 'missing' | 'cancelled' | 'moved';

/**
 * The reminder worker's step: skipped when the booking is gone, cancelled, or moved to another
 * slot (its job carries the slot it was made for); the dedupe key `reminder:<id>:<slot>` makes
 * sure one slot's reminder is sent once, however often the job runs.
 */
export async function sendBookingReminder(
  db: Db,
  job: ReminderJob,
  opts: { manageUrl?: string } = {},
): Promise<ReminderOutcome> {
  const [booking] = await db.select().from(bookings).where(eq(bookings.id, job.bookingId));
  if (!booking) return 'missing';
  if (booking.status === 'cancelled') return 'cancelled';
  const slot = booking.slotStartsAt;
  if (!slot || slot.getTime() !== new Date(job.slotStartsAt).getTime() || !booking.shopSlug) return 'moved';

  if (!booking.customerEmail) return 'missing';
  const [snapshot, shop] = await Promise.all([loadCatalog(db), getShopRow(db, booking.shopSlug)]);
  if (!shop) return 'missing';
  const address = [shop.addressLine1, shop.addressLine2, shop.city, shop.postcode].filter(Boolean).join(', ');
  const sent = await sendTemplate(db, {
    to: booking.customerEmail,
    template: 'appointment-reminder',
    data: {
      name: booking.customerName,
      reference: booking.reference,
      deviceName: snapshot.modelsBySlug.get(booking.modelSlug)?.name ?? booking.modelSlug,
      when: formatSlot(slot, shop.timeZone),
      shopName: shop.name,
      shopAddress: address,
      trackingUrl: job.trackingUrl,
      // the job's link is on this app's own address; the manage link is next to it
      manageUrl: opts.manageUrl ?? manageUrl(new URL(job.trackingUrl).origin, booking.reference),
    },
    dedupeKey: `reminder:${booking.id}:${slot.toISOString()}`,
    bookingId: booking.id,
  });
  return sent ? 'sent' : 'already-sent';
}
