/**
 * Predictive insights for one device model from a shop's own repair history (or every shop's):
 * the most common repairs by the device's age, typical turnaround, and how often devices come
 * back. Three queries, one per figure (read-history.ts); the model and shop names come from the
 * cached catalogue and shop list.
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import type { ModelInsights } from '../schemas';
import { buildInsights } from './build-insights';
import { readDeviceVisits, readRepairRows, readTurnarounds, type HistoryScope } from './read-history';

export interface ModelInsightsInput {
  modelSlug: string;
  /** the shop's slug; null: every shop (admins) */
  shopId: string | null;
  /** the clock (tests pass a fixed one) */
  now?: Date;
}

export async function getModelInsights(db: Db, input: ModelInsightsInput): Promise<ModelInsights> {
  const catalog = await loadCatalog(db);
  const model = catalog.modelsBySlug.get(input.modelSlug);
  if (!model) throw new DomainError('NOT_FOUND', 'There is no such device model.');
  const shop = input.shopId === null ? null : await getShopRow(db, input.shopId);
  if (input.shopId !== null && !shop) throw new DomainError('NOT_FOUND', 'There is no such shop.');

  const scope: HistoryScope = { modelSlugs: [model.slug], shopSlug: input.shopId };
  const [repairs, turnarounds, visits] = await Promise.all([
    readRepairRows(db, scope),
    readTurnarounds(db, scope),
    readDeviceVisits(db, scope),
  ]);
  return buildInsights(
    { slug: model.slug, name: model.name, brandName: model.brandName, releaseYear: model.releaseYear },
    shop ? { slug: shop.slug, name: shop.name } : null,
    { repairs, turnaroundHours: turnarounds.map((t) => t.hours), visits },
    input.now ?? new Date(),
  );
}
