/**
 * Seeds the shipped catalogue and demo shops (each domain writes its own rows). Safe to run
 * any number of times and from several instances at once: every insert skips rows that
 * already exist.
 */
import type { Db } from '@/server/db/client';
import { logger } from '@/server/logger';
import { catalogIsEmpty, seedCatalog } from '@/features/catalog/server';
import { seedShops } from '@/features/shops/server';

export async function seedAll(db: Db): Promise<{ models: number; prices: number; shops: number }> {
  return db.transaction(async (tx) => {
    const catalog = await seedCatalog(tx);
    const shops = await seedShops(tx);
    return { ...catalog, ...shops };
  });
}

/** First start: seed when the catalogue is empty. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  if (!(await catalogIsEmpty(db))) return false;
  const started = Date.now();
  const counts = await seedAll(db);
  logger.info({ ...counts, ms: Date.now() - started }, 'seeded the catalogue and shops');
  return true;
}
