export const CATEGORY_SLUGS = ['phone', 'tablet', 'laptop', 'desktop', 'console', 'other'] as const;
export type CategorySlug = (typeof CATEGORY_SLUGS)[number];

export interface SeedCategory {
  slug: CategorySlug;
  name: string;
  description: string;
  sortOrder: number;
}

export interface SeedBrand {
  slug: string;
  name: string;
  sortOrder: number;
}

export type ModelTier = 'budget' | 'mid' | 'flagship' | 'premium';

export interface SeedModel {
  /** kebab-case, unique, e.g. 'iphone-15', 'galaxy-s24-ultra', 'macbook-air-13-m2' */
  slug: string;
  /** display name e.g. 'iPhone 15' */
  name: string;
  /** brand slug */
  brand: string;
  category: CategorySlug;
  releaseYear: number;
  tier: ModelTier;
  /** extra search terms (e.g. model numbers 'A3090', 'SM-S921B') */
  aliases?: string[];
}

export interface SeedRepairType {
  slug: string;
  name: string;
  description: string;
  /** which categories it applies to */
  categories: CategorySlug[];
  sortOrder: number;
}

export interface SeedPrice {
  /** model slug */
  model: string;
  /** repair-type slug */
  repair: string;
  /** VAT-inclusive, integer pence; total = parts + labour */
  partsPence: number;
  labourPence: number;
  warrantyDays: number;
  turnaroundHours: number;
}
