import type { Db } from '@/server/db/runtime';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow, type ShopRow } from '@/features/shops/server';

/** The device's name as the customer knows it, and the order's shop (none: a mail-in without one). */
export async function deviceAndShop(
  db: Db,
  modelSlug: string,
  shopSlug: string | null,
): Promise<{ device: string; shop: ShopRow | null }> {
  const [catalog, shop] = await Promise.all([
    loadCatalog(db),
    shopSlug ? getShopRow(db, shopSlug) : Promise.resolve(null),
  ]);
  const model = catalog.modelsBySlug.get(modelSlug);
  const device = model ? `${model.brandName} ${model.name}`.trim() : modelSlug;
  return { device, shop: shop ?? null };
}
