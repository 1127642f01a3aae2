/**
 * Writes the shipped catalogue (categories, brands, repair types, models and their prices).
 * Safe to run any number of times and from several instances at once: every insert skips rows
 * that already exist.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import { brands, categories, deviceModels, modelRepairs, repairTypes } from '@/server/db/schema';
import { SEED_BRANDS, SEED_CATEGORIES, SEED_MODELS, SEED_REPAIR_TYPES, buildSeedPrices } from '../seed';

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Inserts the shipped catalogue rows that are missing (pass a transaction to make it atomic). */
export async function seedCatalog(tx: Db): Promise<{ models: number; prices: number }> {
  const prices = buildSeedPrices();
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
  return { models: SEED_MODELS.length, prices: prices.length };
}

/** Whether no catalogue has been written yet (a first start). */
export async function catalogIsEmpty(db: Db): Promise<boolean> {
  const res = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${categories}`);
  const n = (res as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0;
  return n === 0;
}
