import { describe, expect, it } from 'vitest';
import type { CatalogModel, CatalogSnapshot } from './load-catalog';
import { searchWords } from './load-catalog';
import { getModelDetail, listBrands, searchModels } from './search-models';

function model(
  slug: string,
  name: string,
  brand: string,
  category: string,
  releaseYear: number,
): CatalogModel {
  const brandName = brand[0]!.toUpperCase() + brand.slice(1);
  const words = searchWords(`${brandName} ${name} ${slug}`);
  return {
    slug,
    name,
    brand,
    brandName,
    category,
    releaseYear,
    tier: 'mid',
    aliases: [],
    words,
    compact: words.join(''),
  };
}

const models = [
  model('iphone-15-pro', 'iPhone 15 Pro', 'apple', 'phone', 2023),
  model('macbook-air-13-m2', 'MacBook Air 13-inch (M2)', 'apple', 'laptop', 2022),
  model('iphone-15', 'iPhone 15', 'apple', 'phone', 2023),
  model('iphone-11', 'iPhone 11', 'apple', 'phone', 2019),
  model('galaxy-s24', 'Galaxy S24', 'samsung', 'phone', 2024),
].sort((a, b) => b.releaseYear - a.releaseYear);

const snapshot: CatalogSnapshot = {
  categories: [
    { slug: 'phone', name: 'Phones', description: '', sortOrder: 1 },
    { slug: 'laptop', name: 'Laptops', description: '', sortOrder: 3 },
  ],
  brands: [
    { slug: 'apple', name: 'Apple', sortOrder: 1 },
    { slug: 'samsung', name: 'Samsung', sortOrder: 2 },
  ],
  repairTypes: new Map([
    ['screen-crack', { slug: 'screen-crack', name: 'Cracked screen', description: '', sortOrder: 1 }],
    ['diagnostic', { slug: 'diagnostic', name: 'Diagnostic', description: '', sortOrder: 9 }],
  ]),
  models,
  modelsBySlug: new Map(models.map((m) => [m.slug, m])),
  searchMemo: new Map(),
  pricesByModel: new Map([
    [
      'iphone-15',
      new Map([
        [
          'screen-crack',
          {
            repairSlug: 'screen-crack',
            currency: 'GBP',
            partsMinor: 15000,
            labourMinor: 6900,
            warrantyDays: 180,
            turnaroundHours: 2,
          },
        ],
        [
          'diagnostic',
          {
            repairSlug: 'diagnostic',
            currency: 'GBP',
            partsMinor: 0,
            labourMinor: 0,
            warrantyDays: 0,
            turnaroundHours: 2,
          },
        ],
      ]),
    ],
  ]),
};

describe('searchModels', () => {
  it('ranks the exact name first and matches every word as a word prefix', () => {
    const { items } = searchModels(snapshot, { q: 'iphone 15' });
    expect(items.map((m) => m.slug)).toEqual(['iphone-15', 'iphone-15-pro']);
  });

  it('finds a model typed without spaces', () => {
    expect(searchModels(snapshot, { q: 'iphone15' }).items.map((m) => m.slug)).toContain('iphone-15');
  });

  it('matches brand names and ignores case and punctuation', () => {
    expect(searchModels(snapshot, { q: 'SAMSUNG s24!' }).items.map((m) => m.slug)).toEqual(['galaxy-s24']);
  });

  it('lists a brand by category order, newest first within a category', () => {
    const { items } = searchModels(snapshot, { brand: 'apple' });
    expect(items.map((m) => m.slug)).toEqual([
      'iphone-15-pro',
      'iphone-15',
      'iphone-11',
      'macbook-air-13-m2',
    ]);
  });

  it('filters by category and limits the result', () => {
    const res = searchModels(snapshot, { category: 'phone', limit: 2 });
    expect(res.total).toBe(4);
    expect(res.items).toHaveLength(2);
  });

  it('answers a repeated search from the memo with the same result', () => {
    const first = searchModels(snapshot, { q: 'galaxy' });
    expect(searchModels(snapshot, { q: 'galaxy' })).toBe(first);
    expect(searchModels(snapshot, { q: 'galaxy', limit: 1 })).not.toBe(first);
  });

  it('returns nothing for words that match no model', () => {
    expect(searchModels(snapshot, { q: 'nokia' }).total).toBe(0);
  });

  it('gives a "from" price that ignores the free diagnostic', () => {
    expect(searchModels(snapshot, { q: 'iphone 15' }).items[0]?.fromPriceMinor).toBe(21900);
  });
});

describe('getModelDetail and listBrands', () => {
  it('returns repairs in catalogue order with totals', () => {
    const d = getModelDetail(snapshot, 'iphone-15');
    expect(d?.repairs.map((r) => [r.slug, r.priceMinor])).toEqual([
      ['screen-crack', 21900],
      ['diagnostic', 0],
    ]);
    expect(getModelDetail(snapshot, 'nope')).toBeNull();
  });

  it('lists brands that have models in a category', () => {
    expect(listBrands(snapshot, 'laptop').map((b) => b.slug)).toEqual(['apple']);
    expect(listBrands(snapshot).map((b) => b.slug)).toEqual(['apple', 'samsung']);
  });
});
