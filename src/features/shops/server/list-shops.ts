import { asc } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { shops } from '@/server/db/schema';
import { cached } from '@/server/cache';

export type ShopRow = typeof shops.$inferSelect;
export const SHOPS_TAG = 'shops';

export function listShopRows(db: Db): Promise<ShopRow[]> {
  return cached('shops:all', { ttlMs: 60_000, tags: [SHOPS_TAG] }, () =>
    db.select().from(shops).orderBy(asc(shops.name)),
  );
}

export async function getShopRow(db: Db, slug: string): Promise<ShopRow | null> {
  const all = await listShopRows(db);
  return all.find((s) => s.slug === slug) ?? null;
}

/** Public view of a shop (no internal fields). */
export function toPublicShop(s: ShopRow) {
  return {
    slug: s.slug,
    name: s.name,
    addressLine1: s.addressLine1,
    addressLine2: s.addressLine2,
    city: s.city,
    postcode: s.postcode,
    country: s.country,
    phone: s.phone,
    email: s.email,
    latitude: s.latitude,
    longitude: s.longitude,
    timeZone: s.timeZone,
    openingHours: s.openingHours,
    slotMinutes: s.slotMinutes,
    capacityPerSlot: s.capacityPerSlot,
    minNoticeMinutes: s.minNoticeMinutes,
    horizonDays: s.horizonDays,
  };
}
