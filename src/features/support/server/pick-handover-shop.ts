/**
 * Which shop's staff get a conversation handed over to them: the shop of the booking the
 * customer asked about (a reference they own, or one whose tracking token the widget holds),
 * else the shop of the customer's latest booking, else a shop they named, else the first shop.
 */
import type { Db } from '@/server/db/runtime';
import { findBookingByToken, findOwnedOrder } from '@/features/repairs/server';
import { latestBookedShop } from '@/features/booking/server';
import { listShopRows } from '@/features/shops/server';

export interface HandoverHints {
  userId: string | null;
  trackingToken: string | null;
  /** booking references mentioned in the conversation, newest first */
  references: string[];
  /** shops the customer named, newest first */
  shopSlugs: string[];
}

async function shopOfReference(db: Db, hints: HandoverHints, reference: string): Promise<string | null> {
  if (hints.trackingToken) {
    const booking = await findBookingByToken(db, reference, hints.trackingToken);
    if (booking?.shopSlug) return booking.shopSlug;
  }
  if (hints.userId) {
    const owned = await findOwnedOrder(db, hints.userId, reference);
    if (owned?.order.shopSlug) return owned.order.shopSlug;
  }
  return null;
}

export async function pickHandoverShop(db: Db, hints: HandoverHints): Promise<string | null> {
  // only the caller's own bookings count: a reference of someone else tells us nothing
  for (const reference of hints.references.slice(0, 5)) {
    const slug = await shopOfReference(db, hints, reference);
    if (slug) return slug;
  }
  if (hints.userId) {
    const slug = await latestBookedShop(db, hints.userId);
    if (slug) return slug;
  }
  const shops = await listShopRows(db);
  const named = hints.shopSlugs.find((slug) => shops.some((s) => s.slug === slug));
  return named ?? shops[0]?.slug ?? null;
}
