/**
 * The admin's edits of a shop's hours. The change and its audit row (the fields given, before
 * and after) commit in one transaction; after the commit the cached shop list (tag `shops`) is
 * dropped on every instance, so slots, the shops page and the assistant's answers follow at once.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { shops, type OpeningHoursJson } from '@/server/db/schema';
import { invalidateTag } from '@/server/cache';
import { DomainError } from '@/server/domain-error';
import { changedFields, recordAudit, type AuditedBy } from '@/features/audit/server';
import { SHOPS_TAG } from './list-shops';

export interface ShopHoursChange {
  openingHours?: OpeningHoursJson;
  closedDates?: string[];
}

export async function updateShopHours(
  db: Db,
  slug: string,
  change: ShopHoursChange,
  by: AuditedBy,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ openingHours: shops.openingHours, closedDates: shops.closedDates })
      .from(shops)
      .where(eq(shops.slug, slug))
      .for('update');
    if (!row) throw new DomainError('NOT_FOUND', 'No shop with that slug.');
    await tx.update(shops).set(change).where(eq(shops.slug, slug));
    await recordAudit(tx, {
      type: 'shop_hours_changed',
      actor: by.actor,
      request: by.request,
      target: { type: 'shop', id: slug },
      details: changedFields(row, change),
    });
  });
  await invalidateTag(SHOPS_TAG);
}
