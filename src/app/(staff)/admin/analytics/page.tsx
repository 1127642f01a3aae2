import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { listShopRows } from '@/features/shops/server';
import { AnalyticsDashboard } from '@/features/analytics/components/analytics-dashboard';
import { getDb } from '@/server/db/runtime';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('analytics.dashboard'))('title'), robots: { index: false } };
}

/** The analytics dashboard: managers (their shop) and admins (every shop or one). */
export default async function AdminAnalyticsPage() {
  const me = await requirePageRole('manager', '/admin/analytics');
  // a manager tied to no shop has no figures to read (the API answers 403): not advertised
  if (me.role !== 'admin' && !me.shopSlug) notFound();
  const t = await getTranslations('analytics.dashboard');
  const shops = (await listShopRows(await getDb())).map((s) => ({ slug: s.slug, name: s.name }));
  const fixedShop = me.role === 'admin' ? null : (shops.find((s) => s.slug === me.shopSlug) ?? null);
  if (me.role !== 'admin' && !fixedShop) notFound();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-3xl font-bold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('lead')}</p>
      <div className="mt-6">
        <AnalyticsDashboard shops={me.role === 'admin' ? shops : []} fixedShop={fixedShop} />
      </div>
    </div>
  );
}
