/**
 * The console's list: every model with history at a shop (or every shop), each with its
 * insights, most repaired first. The same three queries as for one model, for all models at
 * once, grouped in memory (no query per model).
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import type { ModelInsights } from '../schemas';
import { buildInsights, type ModelHistory } from './build-insights';
import { readDeviceVisits, readRepairRows, readTurnarounds } from './read-history';

export interface ListModelInsightsInput {
  shopId: string | null;
  /** words of the model's brand and name, any case */
  q?: string;
  now?: Date;
}

export async function listModelInsights(db: Db, input: ListModelInsightsInput): Promise<ModelInsights[]> {
  const catalog = await loadCatalog(db);
  const shop = input.shopId === null ? null : await getShopRow(db, input.shopId);
  if (input.shopId !== null && !shop) throw new DomainError('NOT_FOUND', 'There is no such shop.');

  const scope = { modelSlugs: null, shopSlug: input.shopId };
  const [repairs, turnarounds, visits] = await Promise.all([
    readRepairRows(db, scope),
    readTurnarounds(db, scope),
    readDeviceVisits(db, scope),
  ]);
  const byModel = new Map<
    string,
    { repairs: ModelHistory['repairs'][number][]; hours: number[]; visits: ModelHistory['visits'][number][] }
  >();
  const of = (slug: string) => {
    let h = byModel.get(slug);
    if (!h) byModel.set(slug, (h = { repairs: [], hours: [], visits: [] }));
    return h;
  };
  for (const r of repairs) of(r.modelSlug).repairs.push(r);
  for (const t of turnarounds) of(t.modelSlug).hours.push(t.hours);
  for (const v of visits) of(v.modelSlug).visits.push(v);

  const words = (input.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const now = input.now ?? new Date();
  const list: ModelInsights[] = [];
  for (const [slug, h] of byModel) {
    const model = catalog.modelsBySlug.get(slug);
    // a model with only booked (not yet received) orders has no history yet
    if (!model || h.repairs.length === 0) continue;
    const label = `${model.brandName} ${model.name} ${model.slug}`.toLowerCase();
    if (!words.every((w) => label.includes(w))) continue;
    list.push(
      buildInsights(
        { slug: model.slug, name: model.name, brandName: model.brandName, releaseYear: model.releaseYear },
        shop ? { slug: shop.slug, name: shop.name } : null,
        { repairs: h.repairs, turnaroundHours: h.hours, visits: h.visits },
        now,
      ),
    );
  }
  return list.sort((a, b) => b.orders - a.orders || a.model.name.localeCompare(b.model.name));
}
