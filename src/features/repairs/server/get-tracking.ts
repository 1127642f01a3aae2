import { asc, and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderEvents, repairOrders } from '@/server/db/schema';
import { findBookingByToken } from '@/features/booking/server/find-booking';
import { loadCatalog } from '@/features/catalog/server/load-catalog';
import { getShopRow } from '@/features/shops/server/list-shops';
import { STATUS_PROGRESS, type RepairStatus } from '../state-machine';
import type { Tracking } from '../schemas';

/** The public tracking view: only customer-visible events; null for unknown ref or wrong token. */
export async function getTracking(
  db: Db,
  reference: string,
  token: string | null | undefined,
): Promise<Tracking | null> {
  const booking = await findBookingByToken(db, reference, token);
  if (!booking) return null;
  const [order] = await db.select().from(repairOrders).where(eq(repairOrders.bookingId, booking.id));
  if (!order) return null;
  const [events, snapshot, shop] = await Promise.all([
    db
      .select()
      .from(repairOrderEvents)
      .where(and(eq(repairOrderEvents.orderId, order.id), eq(repairOrderEvents.visibility, 'customer')))
      .orderBy(asc(repairOrderEvents.id)),
    loadCatalog(db),
    booking.shopSlug ? getShopRow(db, booking.shopSlug) : Promise.resolve(null),
  ]);
  const model = snapshot.modelsBySlug.get(booking.modelSlug);
  return {
    reference: booking.reference,
    status: order.status,
    progress: STATUS_PROGRESS[order.status as RepairStatus] ?? 0,
    statusEnteredAt: order.statusEnteredAt.toISOString(),
    device: {
      slug: booking.modelSlug,
      name: model?.name ?? booking.modelSlug,
      brandName: model?.brandName ?? '',
    },
    customerName: booking.customerName,
    service: {
      type: booking.serviceType,
      shop: shop
        ? {
            slug: shop.slug,
            name: shop.name,
            address: [shop.addressLine1, shop.addressLine2, shop.city, shop.postcode]
              .filter(Boolean)
              .join(', '),
            timeZone: shop.timeZone,
          }
        : null,
      slotStartsAt: booking.slotStartsAt?.toISOString() ?? null,
      slotEndsAt: booking.slotEndsAt?.toISOString() ?? null,
    },
    bookingStatus: booking.status,
    quote: booking.quote as Tracking['quote'],
    timeline: events.map((e) => ({
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      message: e.message,
      at: e.createdAt.toISOString(),
    })),
    createdAt: booking.createdAt.toISOString(),
  };
}
