/**
 * The admin's catalogue and price-list edits. Each write drops the cached catalogue snapshot
 * (tag `catalog`) on every instance, so the next search or quote anywhere reads the change.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { deviceModels, modelRepairs } from '@/server/db/schema';
import { invalidateTag } from '@/server/cache';
import { DomainError } from '@/server/domain-error';
import { CATALOG_TAG } from './load-catalog';

export interface ModelChange {
  name?: string;
  aliases?: string[];
}

export async function updateModel(db: Db, slug: string, change: ModelChange): Promise<void> {
  const rows = await db
    .update(deviceModels)
    .set(change)
    .where(eq(deviceModels.slug, slug))
    .returning({ slug: deviceModels.slug });
  if (rows.length === 0) throw new DomainError('NOT_FOUND', 'No device model with that slug.');
  await invalidateTag(CATALOG_TAG);
}

export interface PriceChange {
  partsMinor: number;
  labourMinor: number;
  warrantyDays?: number;
  turnaroundHours?: number;
}

/** Changes the price of one repair of one model (it must be on the price list already). */
export async function updatePrice(
  db: Db,
  modelSlug: string,
  repairSlug: string,
  change: PriceChange,
): Promise<void> {
  const rows = await db
    .update(modelRepairs)
    .set(change)
    .where(and(eq(modelRepairs.modelSlug, modelSlug), eq(modelRepairs.repairSlug, repairSlug)))
    .returning({ model: modelRepairs.modelSlug });
  if (rows.length === 0)
    throw new DomainError('NOT_FOUND', 'That model has no such repair on the price list.');
  await invalidateTag(CATALOG_TAG);
}
