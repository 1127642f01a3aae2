import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings } from '@/server/db/schema';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import type { BookingConfirmation } from '../schemas';
import { calendarLinks } from './calendar';
import { manageUrl } from './manage-link';
import { shopAddress, trackingUrl } from './create-booking';
import { signedTrackingToken } from '@/features/repairs/server';

/**
 * A booking's confirmation made again from the stored booking, for when it is sent later than
 * the booking itself (after an online payment). The random tracking token given at booking is
 * only stored as a hash, so the links carry the server-signed token instead.
 */
export async function rebuildConfirmation(
  db: Db,
  bookingId: string,
  baseUrl: string,
): Promise<BookingConfirmation | null> {
  const [b] = await db.select().from(bookings).where(eq(bookings.id, bookingId));
  if (!b) return null;
  const [catalog, shop] = await Promise.all([
    loadCatalog(db),
    b.shopSlug ? getShopRow(db, b.shopSlug) : Promise.resolve(null),
  ]);
  const model = catalog.modelsBySlug.get(b.modelSlug);
  const token = signedTrackingToken(b.reference);
  const tracking = trackingUrl(baseUrl, b.reference, token);
  const links = calendarLinks({
    reference: b.reference,
    sequence: b.icsSequence,
    deviceName: model?.name ?? b.modelSlug,
    repairs: b.quote.lines.map((l) => l.repairName),
    shop,
    startsAt: b.slotStartsAt,
    endsAt: b.slotEndsAt,
    trackingUrl: tracking,
  });
  return {
    id: b.id,
    reference: b.reference,
    trackingToken: token,
    trackingUrl: tracking,
    status: 'booked',
    quote: b.quote as BookingConfirmation['quote'],
    device: { slug: b.modelSlug, name: model?.name ?? b.modelSlug, brandName: model?.brandName ?? '' },
    service: {
      type: b.serviceType,
      shop: shop
        ? { slug: shop.slug, name: shop.name, address: shopAddress(shop), timeZone: shop.timeZone }
        : null,
      slotStartsAt: b.slotStartsAt?.toISOString() ?? null,
      slotEndsAt: b.slotEndsAt?.toISOString() ?? null,
    },
    customer: { name: b.customerName, email: b.customerEmail ?? '' },
    paymentMethod: b.paymentMethod,
    calendarUrl: `/api/bookings/${b.reference}/calendar.ics?token=${encodeURIComponent(token)}`,
    googleCalendarUrl: links.google,
    outlookCalendarUrl: links.outlook,
    manageUrl: manageUrl(baseUrl, b.reference),
    createdAt: b.createdAt.toISOString(),
  };
}
