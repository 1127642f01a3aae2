import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrders, shops } from '@/server/db/schema';
import { cancellationTerms } from '@/features/payments/server';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import { canTransition, type RepairStatus } from '@/features/repairs';
import type { ManageBooking } from '../schemas';
import type { BookingRow } from '@/features/repairs/server';
import { calendarLinks, type CalendarSource } from './calendar';
import { findBookingBySignature, manageCalendarPath, manageUrl } from './manage-link';
import { shopAddress } from './create-booking';

/** What the customer may still do with a booking whose repair order is in `orderStatus`. */
export function manageActions(booking: Pick<BookingRow, 'status' | 'serviceType'>, orderStatus: string) {
  const canCancel =
    booking.status === 'confirmed' && canTransition(orderStatus as RepairStatus, 'cancelled', 'customer');
  return { canCancel, canReschedule: canCancel && booking.serviceType === 'drop_off' };
}

/** Everything the calendar file and links need for a booking as it is now. */
export async function calendarSourceFor(db: Db, booking: BookingRow, baseUrl: string) {
  const [snapshot, shop] = await Promise.all([
    loadCatalog(db),
    booking.shopSlug ? getShopRow(db, booking.shopSlug) : Promise.resolve(null),
  ]);
  const model = snapshot.modelsBySlug.get(booking.modelSlug);
  const source: CalendarSource = {
    reference: booking.reference,
    sequence: booking.icsSequence,
    deviceName: model?.name ?? booking.modelSlug,
    repairs: booking.quote.lines.map((l) => l.repairName),
    shop,
    startsAt: booking.slotStartsAt,
    endsAt: booking.slotEndsAt,
    trackingUrl: manageUrl(baseUrl, booking.reference),
    cancelled: booking.status === 'cancelled',
  };
  return { source, model, shop };
}

/** The manage view of a booking (read-only; never changes anything). */
export async function manageSummary(db: Db, booking: BookingRow, baseUrl: string): Promise<ManageBooking> {
  const [[order], { source, model, shop }] = await Promise.all([
    db
      .select({
        id: repairOrders.id,
        status: repairOrders.status,
        shopSlug: repairOrders.shopSlug,
        cancellationFeeMinor: repairOrders.cancellationFeeMinor,
      })
      .from(repairOrders)
      .where(eq(repairOrders.bookingId, booking.id)),
    calendarSourceFor(db, booking, baseUrl),
  ]);
  const orderStatus = order?.status ?? 'cancelled';
  const cancelled = booking.status === 'cancelled';
  const links = cancelled ? { google: null, outlook: null } : calendarLinks(source);
  const hasAppointment = booking.serviceType === 'drop_off' && booking.slotStartsAt !== null;
  return {
    reference: booking.reference,
    status: booking.status,
    orderStatus,
    ...manageActions(booking, orderStatus),
    device: {
      slug: booking.modelSlug,
      name: model?.name ?? booking.modelSlug,
      brandName: model?.brandName ?? '',
    },
    repairs: booking.quote.lines.map((l) => l.repairName),
    quote: booking.quote as ManageBooking['quote'],
    service: {
      type: booking.serviceType,
      shop: shop
        ? { slug: shop.slug, name: shop.name, address: shopAddress(shop), timeZone: shop.timeZone }
        : null,
      slotStartsAt: booking.slotStartsAt?.toISOString() ?? null,
      slotEndsAt: booking.slotEndsAt?.toISOString() ?? null,
    },
    customerName: booking.customerName,
    calendarSequence: booking.icsSequence,
    calendarUrl: hasAppointment ? manageCalendarPath(booking.reference) : null,
    googleCalendarUrl: links.google,
    outlookCalendarUrl: links.outlook,
    updatedAt: booking.updatedAt.toISOString(),
    cancellation: await cancellationOf(db, booking, order ?? null),
  };
}

/** Before a cancellation what it would refund; after it, the fee kept and the refunds. */
async function cancellationOf(
  db: Db,
  booking: BookingRow,
  order: { id: string; status: string; shopSlug: string | null; cancellationFeeMinor: number } | null,
): Promise<ManageBooking['cancellation']> {
  if (!order) {
    return { currency: booking.currency, paidMinor: 0, feeMinor: 0, refundMinor: 0, refundedMinor: 0 };
  }
  const done = booking.status === 'cancelled' || order.status === 'cancelled';
  const fee = done
    ? order.cancellationFeeMinor
    : await shopCancellationFee(db, booking.shopSlug ?? order.shopSlug);
  return cancellationTerms(db, order.id, fee, booking.currency);
}

/** The shop's cancellation fee (read afresh, never from a cache: it is what will be charged). */
export async function shopCancellationFee(db: Db, shopSlug: string | null): Promise<number> {
  if (!shopSlug) return 0;
  const [row] = await db
    .select({ fee: shops.cancellationFeeMinor })
    .from(shops)
    .where(eq(shops.slug, shopSlug));
  return row?.fee ?? 0;
}

/** The manage view behind a signed link; null for an unknown reference or a wrong signature. */
export async function getManageSummary(
  db: Db,
  reference: string,
  sig: string | null | undefined,
  baseUrl: string,
): Promise<ManageBooking | null> {
  const booking = await findBookingBySignature(db, reference, sig);
  return booking ? manageSummary(db, booking, baseUrl) : null;
}
