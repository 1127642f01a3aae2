import type { SeedBrand } from './types';

export const SEED_BRANDS: readonly SeedBrand[] = [
  { slug: 'apple', name: 'Apple', sortOrder: 10 },
  { slug: 'samsung', name: 'Samsung', sortOrder: 20 },
  { slug: 'google', name: 'Google', sortOrder: 30 },
  { slug: 'oneplus', name: 'OnePlus', sortOrder: 40 },
  { slug: 'xiaomi', name: 'Xiaomi', sortOrder: 50 },
  { slug: 'motorola', name: 'Motorola', sortOrder: 60 },
  { slug: 'sony', name: 'Sony', sortOrder: 70 },
  { slug: 'microsoft', name: 'Microsoft', sortOrder: 80 },
  { slug: 'nintendo', name: 'Nintendo', sortOrder: 90 },
  { slug: 'valve', name: 'Valve', sortOrder: 100 },
  { slug: 'dell', name: 'Dell', sortOrder: 110 },
  { slug: 'hp', name: 'HP', sortOrder: 120 },
  { slug: 'lenovo', name: 'Lenovo', sortOrder: 130 },
  { slug: 'asus', name: 'ASUS', sortOrder: 140 },
  { slug: 'acer', name: 'Acer', sortOrder: 150 },
];
