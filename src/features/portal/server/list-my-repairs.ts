import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, repairOrders } from '@/server/db/schema';
import { loadCatalog } from '@/features/catalog/server';
import { listShopRows } from '@/features/shops/server';
import { STATUS_PROGRESS, type RepairStatus, nextStepFor } from '@/features/repairs';
import { ordersWithPendingQuote } from '@/features/portal/server/customer-order-view';
import type { MyRepair } from '../schemas';

const DEFAULT_TIME_ZONE = 'Europe/London';

/** "My repairs": the signed-in customer's bookings with their repair order status, newest first. */
export async function listMyRepairs(db: Db, userId: string): Promise<MyRepair[]> {
  const [rows, snapshot, shops] = await Promise.all([
    db
      .select({ booking: bookings, order: repairOrders })
      .from(bookings)
      .innerJoin(repairOrders, eq(repairOrders.bookingId, bookings.id))
      .where(eq(bookings.userId, userId))
      .orderBy(desc(bookings.createdAt))
      .limit(200),
    loadCatalog(db),
    listShopRows(db),
  ]);
  const pending = await ordersWithPendingQuote(
    db,
    rows.map((r) => r.order.id),
  );
  const shopBySlug = new Map(shops.map((s) => [s.slug, s]));
  return rows.map(({ booking: b, order }) => {
    const shop = b.shopSlug ? shopBySlug.get(b.shopSlug) : undefined;
    return {
      reference: b.reference,
      status: order.status,
      progress: STATUS_PROGRESS[order.status as RepairStatus] ?? 0,
      nextStep: nextStepFor({
        status: order.status,
        serviceType: b.serviceType,
        slotStartsAt: b.slotStartsAt,
        shopName: shop?.name ?? null,
        hasPendingQuote: pending.has(order.id),
        warrantyEndsAt: order.warrantyEndsAt,
      }),
      device: snapshot.modelsBySlug.get(b.modelSlug)?.name ?? b.modelSlug,
      repairs: b.quote.lines.map((l) => l.repairName),
      totalMinor: b.totalMinor,
      agreedTotalMinor: order.agreedTotalMinor ?? b.totalMinor,
      currency: b.currency,
      serviceType: b.serviceType,
      slotStartsAt: b.slotStartsAt?.toISOString() ?? null,
      shopName: shop?.name ?? null,
      timeZone: shop?.timeZone ?? DEFAULT_TIME_ZONE,
      createdAt: b.createdAt.toISOString(),
    };
  });
}
