import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const categories = pgTable('categories', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const brands = pgTable('brands', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const deviceModels = pgTable(
  'device_models',
  {
    slug: text('slug').primaryKey(),
    name: text('name').notNull(),
    brandSlug: text('brand_slug')
      .notNull()
      .references(() => brands.slug),
    categorySlug: text('category_slug')
      .notNull()
      .references(() => categories.slug),
    releaseYear: integer('release_year').notNull(),
    tier: text('tier').notNull(),
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    index('device_models_brand_idx').on(t.brandSlug),
    index('device_models_category_idx').on(t.categorySlug),
  ],
);

export const repairTypes = pgTable('repair_types', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** The price list: one row per valid model x repair. Amounts are VAT-inclusive minor units. */
export const modelRepairs = pgTable(
  'model_repairs',
  {
    modelSlug: text('model_slug')
      .notNull()
      .references(() => deviceModels.slug, { onDelete: 'cascade' }),
    repairSlug: text('repair_slug')
      .notNull()
      .references(() => repairTypes.slug),
    currency: text('currency').notNull().default('GBP'),
    partsMinor: integer('parts_minor').notNull(),
    labourMinor: integer('labour_minor').notNull(),
    warrantyDays: integer('warranty_days').notNull(),
    turnaroundHours: integer('turnaround_hours').notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelSlug, t.repairSlug] })],
);
