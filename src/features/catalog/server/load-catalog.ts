import { asc } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { brands, categories, deviceModels, modelRepairs, repairTypes } from '@/server/db/schema';
import { cached } from '@/server/cache';

export interface CatalogModel {
  slug: string;
  name: string;
  brand: string;
  brandName: string;
  category: string;
  releaseYear: number;
  tier: string;
  aliases: string[];
  /** lower-case words used for search */
  words: string[];
  compact: string;
}
export interface CatalogPrice {
  repairSlug: string;
  currency: string;
  partsMinor: number;
  labourMinor: number;
  warrantyDays: number;
  turnaroundHours: number;
}
export interface CatalogSnapshot {
  categories: Array<{ slug: string; name: string; description: string; sortOrder: number }>;
  brands: Array<{ slug: string; name: string; sortOrder: number }>;
  repairTypes: Map<string, { slug: string; name: string; description: string; sortOrder: number }>;
  models: CatalogModel[];
  modelsBySlug: Map<string, CatalogModel>;
  pricesByModel: Map<string, Map<string, CatalogPrice>>;
  /** Answers to recent searches; it lives and dies with this snapshot, so it is never stale. */
  searchMemo: Map<string, unknown>;
}

export const CATALOG_TAG = 'catalog';

function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

export async function readCatalog(db: Db): Promise<CatalogSnapshot> {
  const [cats, brs, rts, mods, prices] = await Promise.all([
    db.select().from(categories).orderBy(asc(categories.sortOrder)),
    db.select().from(brands).orderBy(asc(brands.sortOrder), asc(brands.name)),
    db.select().from(repairTypes).orderBy(asc(repairTypes.sortOrder)),
    db.select().from(deviceModels),
    db.select().from(modelRepairs),
  ]);
  const brandName = new Map(brs.map((b) => [b.slug, b.name]));
  const models: CatalogModel[] = mods
    .map((m) => {
      const bName = brandName.get(m.brandSlug) ?? m.brandSlug;
      const words = searchWords([bName, m.name, m.slug, ...m.aliases].join(' '));
      return {
        slug: m.slug,
        name: m.name,
        brand: m.brandSlug,
        brandName: bName,
        category: m.categorySlug,
        releaseYear: m.releaseYear,
        tier: m.tier,
        aliases: m.aliases,
        words,
        compact: words.join(''),
      };
    })
    .sort((a, b) => b.releaseYear - a.releaseYear || a.name.localeCompare(b.name, 'en'));
  const pricesByModel = new Map<string, Map<string, CatalogPrice>>();
  for (const p of prices) {
    let forModel = pricesByModel.get(p.modelSlug);
    if (!forModel) pricesByModel.set(p.modelSlug, (forModel = new Map()));
    forModel.set(p.repairSlug, {
      repairSlug: p.repairSlug,
      currency: p.currency,
      partsMinor: p.partsMinor,
      labourMinor: p.labourMinor,
      warrantyDays: p.warrantyDays,
      turnaroundHours: p.turnaroundHours,
    });
  }
  return {
    categories: cats,
    brands: brs,
    repairTypes: new Map(rts.map((r) => [r.slug, r])),
    models,
    modelsBySlug: new Map(models.map((m) => [m.slug, m])),
    pricesByModel,
    searchMemo: new Map(),
  };
}

/** The catalogue is small and read constantly: serve it from the cache, not a query per request. */
export function loadCatalog(db: Db): Promise<CatalogSnapshot> {
  return cached('catalog:snapshot', { ttlMs: 5 * 60_000, tags: [CATALOG_TAG] }, () => readCatalog(db));
}

export { searchWords };
