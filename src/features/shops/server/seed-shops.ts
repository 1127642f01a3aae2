import type { Db } from '@/server/db/client';
import { shops } from '@/server/db/schema';
import { SEED_SHOPS } from '../seed';

/** Inserts the demo shops that are missing (existing shops are left as they are). */
export async function seedShops(tx: Db): Promise<{ shops: number }> {
  await tx.insert(shops).values(SEED_SHOPS).onConflictDoNothing();
  return { shops: SEED_SHOPS.length };
}
