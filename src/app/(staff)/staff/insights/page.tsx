import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft, BarChart3, Search, SearchX } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { listShopRows } from '@/features/shops/server';
import { listModelInsights, resolveInsightsShop } from '@/features/insights/server';
import { InsightFigures, RepairsByAge } from '@/features/insights/components';
import { DomainError } from '@/server/domain-error';
import { getDb } from '@/server/db/runtime';
import { NAV_HREF } from '@/app/_shell/nav-links';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('insights'))('pageTitle'), robots: { index: false } };
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? '').trim();

/**
 * The shop's device models with their insights, most repaired first: search by name; admins
 * (and staff of no one shop) choose a shop or every shop. Staff of a shop see theirs only.
 */
export default async function StaffInsightsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const q = first(sp.q).slice(0, 100);
  const shopParam = first(sp.shop);
  const me = await requirePageRole(
    'technician',
    `${NAV_HREF.insights}${q || shopParam ? `?${new URLSearchParams({ ...(q ? { q } : {}), ...(shopParam ? { shop: shopParam } : {}) })}` : ''}`,
  );
  const t = await getTranslations('insights');
  const db = await getDb();
  const mayChoose = me.role === 'admin' || me.shopSlug === null;
  const shops = mayChoose ? await listShopRows(db) : [];
  // a shop the viewer may not see, or that does not exist, falls back to their own scope
  const shopId = await resolveInsightsShop(
    db,
    me,
    mayChoose && shops.some((s) => s.slug === shopParam) ? shopParam : undefined,
  ).catch((err: unknown) => {
    if (err instanceof DomainError) return me.shopSlug;
    throw err;
  });
  const list = await listModelInsights(db, { shopId, q });

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <Link
        href={NAV_HREF.console}
        className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-brand underline"
      >
        <ArrowLeft className="size-4" aria-hidden /> {t('backToConsole')}
      </Link>
      <h1 className="mt-3 text-3xl font-bold">{t('pageTitle')}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t('pageLead')}</p>

      <form method="get" role="search" className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <label htmlFor="insights-q" className="block text-sm font-medium text-slate-800">
            {t('searchLabel')}
          </label>
          <Input
            id="insights-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            placeholder={t('searchPlaceholder')}
            className="mt-1"
            data-testid="insights-search"
          />
        </div>
        {mayChoose ? (
          <div className="sm:w-56">
            <label htmlFor="insights-shop" className="block text-sm font-medium text-slate-800">
              {t('shopLabel')}
            </label>
            <Select id="insights-shop" name="shop" defaultValue={shopId ?? ''} className="mt-1">
              <option value="">{t('allShops')}</option>
              {shops.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <Button type="submit" data-testid="insights-search-submit">
          <Search className="size-5" aria-hidden />
          {t('search')}
        </Button>
      </form>

      <p role="status" className="mt-4 text-sm font-medium text-slate-700" data-testid="insights-count">
        {t('results', { total: list.length })}
      </p>

      {list.length === 0 ? (
        <div
          className="mt-3 rounded-2xl border border-dashed border-slate-300 bg-white p-10 text-center"
          data-testid="insights-empty"
        >
          {q ? (
            <SearchX className="mx-auto size-10 text-slate-400" aria-hidden />
          ) : (
            <BarChart3 className="mx-auto size-10 text-slate-400" aria-hidden />
          )}
          <h2 className="mt-3 text-lg font-semibold">{q ? t('noResultsTitle') : t('emptyTitle')}</h2>
          <p className="mt-1 text-slate-700">{q ? t('noResultsText') : t('emptyText')}</p>
          {q ? (
            <Button asChild variant="secondary" className="mt-4">
              <Link
                href={
                  shopParam ? `${NAV_HREF.insights}?shop=${encodeURIComponent(shopParam)}` : NAV_HREF.insights
                }
              >
                {t('clear')}
              </Link>
            </Button>
          ) : null}
        </div>
      ) : (
        <ul className="mt-3 grid gap-4 lg:grid-cols-2" data-testid="insights-list">
          {list.map((m) => {
            const id = `insights-${m.model.slug}`;
            return (
              <li key={m.model.slug}>
                <Card role="region" aria-labelledby={id} className="h-full" data-testid="insights-model">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <h2 id={id} className="text-lg font-semibold">
                      {`${m.model.brandName} ${m.model.name}`.trim()}
                    </h2>
                    <span className="text-sm text-slate-600">{t('orders', { n: m.orders })}</span>
                  </div>
                  <div className="mt-3">
                    <InsightFigures insights={m} compact />
                  </div>
                  {m.enoughHistory ? (
                    <details className="mt-3">
                      <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand">
                        {t('byAgeTitle')}
                      </summary>
                      <div className="mt-2">
                        <RepairsByAge insights={m} />
                      </div>
                    </details>
                  ) : null}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
