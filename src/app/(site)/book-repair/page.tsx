import { getTranslations } from 'next-intl/server';
import { getDb } from '@/server/db/runtime';
import { loadCatalog } from '@/features/catalog/server/load-catalog';
import { listBrands, listCategories } from '@/features/catalog/server/search-models';
import { listShopRows, toPublicShop } from '@/features/shops/server/list-shops';
import { BookingForm } from '@/features/booking/components/booking-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('booking');
  return { title: t('pageTitle') };
}

export default async function BookRepairPage({
  searchParams,
}: {
  searchParams: Promise<{ category?: string; shop?: string; model?: string; repairs?: string }>;
}) {
  const t = await getTranslations('booking');
  const params = await searchParams;
  const db = await getDb();
  const [snapshot, shopRows] = await Promise.all([loadCatalog(db), listShopRows(db)]);
  const categories = listCategories(snapshot).filter((c) => c.modelCount > 0);
  const shops = shopRows.map(toPublicShop);
  // ?model=<slug> (the home page's popular repairs, the support assistant) preselects the model,
  // its brand and category; ?repairs=<slug>,<slug> (the support assistant) the repairs offered
  // for that model
  const model = params.model ? snapshot.modelsBySlug.get(params.model) : undefined;
  const offered = model ? snapshot.pricesByModel.get(model.slug) : undefined;
  const repairs = [...new Set((typeof params.repairs === 'string' ? params.repairs : '').split(','))]
    .filter((slug) => offered?.has(slug))
    .slice(0, 10);
  const initial = {
    ...(params.category && categories.some((c) => c.slug === params.category)
      ? { category: params.category }
      : {}),
    ...(model ? { category: model.category, brand: model.brand, model: model.slug } : {}),
    ...(repairs.length ? { repairs } : {}),
    ...(params.shop && shops.some((s) => s.slug === params.shop) ? { shop: params.shop } : {}),
  };
  return (
    <div className="mx-auto max-w-4xl px-4 py-8 sm:py-10">
      <h1 className="text-3xl font-bold">{t('pageTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('pageLead')}</p>
      <div className="mt-6">
        <BookingForm categories={categories} brands={listBrands(snapshot)} shops={shops} initial={initial} />
      </div>
    </div>
  );
}
