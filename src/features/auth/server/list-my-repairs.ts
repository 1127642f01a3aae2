import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, repairOrders } from '@/server/db/schema';
import { loadCatalog } from '@/features/catalog/server/load-catalog';
import { listShopRows } from '@/features/shops/server/list-shops';
import { STATUS_PROGRESS, type RepairStatus } from '@/features/repairs/state-machine';
import type { MyRepair } from '../schemas';

/** "My repairs": the signed-in customer's bookings with their repair order status, newest first. */
export async function listMyRepairs(db: Db, userId: string): Promise<MyRepair[]> {
  const [rows, snapshot, shops] = await Promise.all([
    db
      .select({ booking: bookings, status: repairOrders.status })
      .from(bookings)
      .innerJoin(repairOrders, eq(repairOrders.bookingId, bookings.id))
      .where(eq(bookings.userId, userId))
      .orderBy(desc(bookings.createdAt))
      .limit(200),
    loadCatalog(db),
    listShopRows(db),
  ]);
  const shopName = new Map(shops.map((s) => [s.slug, s.name]));
  return rows.map(({ booking: b, status }) => ({
    reference: b.reference,
    status,
    progress: STATUS_PROGRESS[status as RepairStatus] ?? 0,
    device: snapshot.modelsBySlug.get(b.modelSlug)?.name ?? b.modelSlug,
    repairs: b.quote.lines.map((l) => l.repairName),
    totalMinor: b.totalMinor,
    currency: b.currency,
    serviceType: b.serviceType,
    slotStartsAt: b.slotStartsAt?.toISOString() ?? null,
    shopName: b.shopSlug ? (shopName.get(b.shopSlug) ?? null) : null,
    createdAt: b.createdAt.toISOString(),
  }));
}
