import type { CategorySlug, ModelTier, SeedModel } from '../types';

/** Compact row: [slug, display name, release year, tier, aliases?] */
export type ModelRow = readonly [
  slug: string,
  name: string,
  releaseYear: number,
  tier: ModelTier,
  aliases?: readonly string[],
];

/** Expand compact rows for one brand + category into `SeedModel`s. */
export function defineModels(brand: string, category: CategorySlug, rows: readonly ModelRow[]): SeedModel[] {
  return rows.map(([slug, name, releaseYear, tier, aliases]) => {
    const model: SeedModel = { slug, name, brand, category, releaseYear, tier };
    if (aliases && aliases.length > 0) model.aliases = [...aliases];
    return model;
  });
}
