/**
 * Seeds the shipped catalogue and demo shops. Safe to run any number of times and from
 * several instances at once: every insert skips rows that already exist.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { brands, categories, deviceModels, modelRepairs, repairTypes, shops } from './schema';
import {
  SEED_BRANDS,
  SEED_CATEGORIES,
  SEED_MODELS,
  SEED_REPAIR_TYPES,
  buildSeedPrices,
} from '@/features/catalog/seed';
import { SEED_SHOPS } from '@/features/shops/seed';
import { logger } from '@/server/logger';

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function seedAll(db: Db): Promise<{ models: number; prices: number; shops: number }> {
  const prices = buildSeedPrices();
  await db.transaction(async (tx) => {
    await tx
      .insert(categories)
      .values(
        SEED_CATEGORIES.map((c) => ({
          slug: c.slug,
          name: c.name,
          description: c.description,
          sortOrder: c.sortOrder,
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(brands)
      .values(SEED_BRANDS.map((b) => ({ slug: b.slug, name: b.name, sortOrder: b.sortOrder })))
      .onConflictDoNothing();
    await tx
      .insert(repairTypes)
      .values(
        SEED_REPAIR_TYPES.map((r) => ({
          slug: r.slug,
          name: r.name,
          description: r.description,
          sortOrder: r.sortOrder,
        })),
      )
      .onConflictDoNothing();
    for (const part of chunks(SEED_MODELS, 200)) {
      await tx
        .insert(deviceModels)
        .values(
          part.map((m) => ({
            slug: m.slug,
            name: m.name,
            brandSlug: m.brand,
            categorySlug: m.category,
            releaseYear: m.releaseYear,
            tier: m.tier,
            aliases: m.aliases ?? [],
          })),
        )
        .onConflictDoNothing();
    }
    for (const part of chunks(prices, 500)) {
      await tx
        .insert(modelRepairs)
        .values(
          part.map((p) => ({
            modelSlug: p.model,
            repairSlug: p.repair,
            partsMinor: p.partsPence,
            labourMinor: p.labourPence,
            warrantyDays: p.warrantyDays,
            turnaroundHours: p.turnaroundHours,
          })),
        )
        .onConflictDoNothing();
    }
    await tx.insert(shops).values(SEED_SHOPS).onConflictDoNothing();
  });
  return { models: SEED_MODELS.length, prices: prices.length, shops: SEED_SHOPS.length };
}

/** First start: seed when the catalogue is empty. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const res = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${categories}`);
  const n = (res as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0;
  if (n > 0) return false;
  const started = Date.now();
  const counts = await seedAll(db);
  logger.info({ ...counts, ms: Date.now() - started }, 'seeded the catalogue and shops');
  return true;
}
