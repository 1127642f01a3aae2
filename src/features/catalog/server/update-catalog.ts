/**
 * The admin's catalogue and price-list edits. Each change and its audit row (the fields given,
 * before and after) commit in one transaction; after the commit the cached catalogue snapshot
 * (tag `catalog`) is dropped on every instance, so the next search or quote anywhere reads it.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { deviceModels, modelRepairs } from '@/server/db/schema';
import { invalidateTag } from '@/server/cache';
import { DomainError } from '@/server/domain-error';
import { changedFields, recordAudit, type AuditedBy } from '@/features/audit/server';
import { CATALOG_TAG } from './load-catalog';

export interface ModelChange {
  name?: string;
  aliases?: string[];
}

export async function updateModel(db: Db, slug: string, change: ModelChange, by: AuditedBy): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ name: deviceModels.name, aliases: deviceModels.aliases })
      .from(deviceModels)
      .where(eq(deviceModels.slug, slug))
      .for('update');
    if (!row) throw new DomainError('NOT_FOUND', 'No device model with that slug.');
    await tx.update(deviceModels).set(change).where(eq(deviceModels.slug, slug));
    await recordAudit(tx, {
      type: 'catalog_model_changed',
      actor: by.actor,
      request: by.request,
      target: { type: 'device_model', id: slug },
      details: changedFields(row, change),
    });
  });
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
  by: AuditedBy,
): Promise<void> {
  const where = and(eq(modelRepairs.modelSlug, modelSlug), eq(modelRepairs.repairSlug, repairSlug));
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        partsMinor: modelRepairs.partsMinor,
        labourMinor: modelRepairs.labourMinor,
        warrantyDays: modelRepairs.warrantyDays,
        turnaroundHours: modelRepairs.turnaroundHours,
      })
      .from(modelRepairs)
      .where(where)
      .for('update');
    if (!row) throw new DomainError('NOT_FOUND', 'That model has no such repair on the price list.');
    await tx.update(modelRepairs).set(change).where(where);
    await recordAudit(tx, {
      type: 'catalog_price_changed',
      actor: by.actor,
      request: by.request,
      target: { type: 'model_repair', id: `${modelSlug}/${repairSlug}` },
      details: changedFields(row, change),
    });
  });
  await invalidateTag(CATALOG_TAG);
}
