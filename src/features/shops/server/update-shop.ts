/**
 * The admin's edits of a shop's hours. The write drops the cached shop list (tag `shops`) on
 * every instance, so slots, the shops page and the assistant's answers follow at once.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { shops, type OpeningHoursJson } from '@/server/db/schema';
import { invalidateTag } from '@/server/cache';
import { DomainError } from '@/server/domain-error';
import { SHOPS_TAG } from './list-shops';

export interface ShopHoursChange {
  openingHours?: OpeningHoursJson;
  closedDates?: string[];
}

export async function updateShopHours(db: Db, slug: string, change: ShopHoursChange): Promise<void> {
  const rows = await db.update(shops).set(change).where(eq(shops.slug, slug)).returning({ slug: shops.slug });
  if (rows.length === 0) throw new DomainError('NOT_FOUND', 'No shop with that slug.');
  await invalidateTag(SHOPS_TAG);
}
