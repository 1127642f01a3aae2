import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings } from '@/server/db/schema';

/**
 * The shop of the customer's most recent booking made at a shop (mail-in ones have none), or
 * null. Other domains use it to route a customer's question to the shop that has their device.
 */
export async function latestBookedShop(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ shopSlug: bookings.shopSlug })
    .from(bookings)
    .where(and(eq(bookings.userId, userId), isNotNull(bookings.shopSlug)))
    .orderBy(desc(bookings.createdAt))
    .limit(1);
  return row?.shopSlug ?? null;
}
