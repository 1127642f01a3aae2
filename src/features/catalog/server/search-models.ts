import type { ModelDetail, ModelSummary } from '../schemas';
import { searchWords, type CatalogModel, type CatalogSnapshot } from './load-catalog';

export interface ModelSearch {
  q?: string;
  category?: string;
  brand?: string;
  limit?: number;
}

function fromPrice(snapshot: CatalogSnapshot, slug: string): number | null {
  const prices = snapshot.pricesByModel.get(slug);
  if (!prices) return null;
  let min: number | null = null;
  for (const [repair, p] of prices) {
    if (repair === 'diagnostic') continue;
    const total = p.partsMinor + p.labourMinor;
    if (min === null || total < min) min = total;
  }
  return min;
}

export function toSummary(snapshot: CatalogSnapshot, m: CatalogModel): ModelSummary {
  return {
    slug: m.slug,
    name: m.name,
    brand: m.brand,
    brandName: m.brandName,
    category: m.category,
    releaseYear: m.releaseYear,
    fromPriceMinor: fromPrice(snapshot, m.slug),
  };
}

/**
 * Every query word must match the start of a word of the model (brand, name, slug, aliases),
 * or appear in its compacted name ("iphone15" finds "iPhone 15"). Exact and prefix name
 * matches rank first, then newer models.
 */
function score(m: CatalogModel, tokens: string[], phrase: string): number {
  let s = 0;
  for (const t of tokens) {
    if (m.words.includes(t)) s += 3;
    else if (m.words.some((w) => w.startsWith(t))) s += 2;
    else if (t.length >= 3 && m.compact.includes(t)) s += 1;
    else return -1;
  }
  const name = m.name.toLowerCase();
  const full = `${m.brandName} ${m.name}`.toLowerCase();
  if (name === phrase || full === phrase) s += 100;
  else if (name.startsWith(phrase) || full.startsWith(phrase)) s += 50;
  return s;
}

const SEARCH_MEMO_MAX = 2000;

/** Search with a per-snapshot memo of recent answers (the catalogue changes rarely). */
export function searchModels(
  snapshot: CatalogSnapshot,
  query: ModelSearch,
): { items: ModelSummary[]; total: number } {
  const key = `${query.q ?? ''}\u0000${query.category ?? ''}\u0000${query.brand ?? ''}\u0000${query.limit ?? 50}`;
  const memo = snapshot.searchMemo as Map<string, { items: ModelSummary[]; total: number }>;
  const hit = memo.get(key);
  if (hit) return hit;
  const result = runSearch(snapshot, query);
  if (memo.size >= SEARCH_MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(key, result);
  return result;
}

function runSearch(snapshot: CatalogSnapshot, query: ModelSearch): { items: ModelSummary[]; total: number } {
  const tokens = query.q ? searchWords(query.q) : [];
  const phrase = tokens.join(' ');
  const matches: Array<{ m: CatalogModel; s: number }> = [];
  for (const m of snapshot.models) {
    if (query.category && m.category !== query.category) continue;
    if (query.brand && m.brand !== query.brand) continue;
    const s = tokens.length ? score(m, tokens, phrase) : 0;
    if (s < 0) continue;
    matches.push({ m, s });
  }
  // snapshot.models is already newest-first, and sort is stable: rank by score, then keep
  // a brand's phones before its tablets, laptops, ... (category order)
  const catOrder = new Map(snapshot.categories.map((c) => [c.slug, c.sortOrder]));
  matches.sort(
    (a, b) => b.s - a.s || (catOrder.get(a.m.category) ?? 99) - (catOrder.get(b.m.category) ?? 99),
  );
  const limit = query.limit ?? 50;
  return {
    items: matches.slice(0, limit).map(({ m }) => toSummary(snapshot, m)),
    total: matches.length,
  };
}

export function getModelDetail(snapshot: CatalogSnapshot, slug: string): ModelDetail | null {
  const m = snapshot.modelsBySlug.get(slug);
  if (!m) return null;
  const prices = snapshot.pricesByModel.get(slug) ?? new Map();
  const repairs = [...prices.values()]
    .map((p) => {
      const rt = snapshot.repairTypes.get(p.repairSlug);
      return {
        slug: p.repairSlug,
        name: rt?.name ?? p.repairSlug,
        description: rt?.description ?? '',
        sortOrder: rt?.sortOrder ?? 999,
        partsMinor: p.partsMinor,
        labourMinor: p.labourMinor,
        priceMinor: p.partsMinor + p.labourMinor,
        currency: p.currency,
        warrantyDays: p.warrantyDays,
        turnaroundHours: p.turnaroundHours,
      };
    })
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map(({ sortOrder: _s, ...rest }) => rest);
  return { ...toSummary(snapshot, m), repairs };
}

export function listCategories(snapshot: CatalogSnapshot) {
  const counts = new Map<string, number>();
  for (const m of snapshot.models) counts.set(m.category, (counts.get(m.category) ?? 0) + 1);
  return snapshot.categories.map((c) => ({
    slug: c.slug,
    name: c.name,
    description: c.description,
    modelCount: counts.get(c.slug) ?? 0,
  }));
}

export function listBrands(snapshot: CatalogSnapshot, category?: string) {
  const byBrand = new Map<string, { count: number; categories: Set<string> }>();
  for (const m of snapshot.models) {
    let e = byBrand.get(m.brand);
    if (!e) byBrand.set(m.brand, (e = { count: 0, categories: new Set() }));
    e.count++;
    e.categories.add(m.category);
  }
  return snapshot.brands
    .filter((b) => byBrand.has(b.slug))
    .filter((b) => !category || byBrand.get(b.slug)?.categories.has(category))
    .map((b) => ({
      slug: b.slug,
      name: b.name,
      categories: [...(byBrand.get(b.slug)?.categories ?? [])],
      modelCount: byBrand.get(b.slug)?.count ?? 0,
    }));
}
