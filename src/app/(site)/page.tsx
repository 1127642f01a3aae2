import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import {
  BadgeCheck,
  CalendarClock,
  ChevronRight,
  MapPin,
  Radio,
  ShieldCheck,
  Smartphone,
  Tablet,
  Laptop,
  Monitor,
  Gamepad2,
  Watch,
} from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDb } from '@/server/db/runtime';
import { loadCatalog } from '@/features/catalog/server/load-catalog';
import { listCategories, searchModels } from '@/features/catalog/server/search-models';
import { listShopRows } from '@/features/shops/server/list-shops';
import { getBranding } from '@/server/branding';
import { formatMoney } from '@/features/pricing/money';

export const dynamic = 'force-dynamic';

const CATEGORY_ICONS: Record<string, typeof Smartphone> = {
  phone: Smartphone,
  tablet: Tablet,
  laptop: Laptop,
  desktop: Monitor,
  console: Gamepad2,
  other: Watch,
};

export default async function HomePage() {
  const t = await getTranslations('home');
  const format = await getFormatter();
  const db = await getDb();
  const [snapshot, shops] = await Promise.all([loadCatalog(db), listShopRows(db)]);
  const categories = listCategories(snapshot).filter((c) => c.modelCount > 0);
  const popular = ['iphone-15', 'galaxy-s24', 'pixel-8', 'ps5']
    .map((slug) => searchModels(snapshot, { q: slug.replace(/-/g, ' '), limit: 1 }).items[0])
    .filter((m) => m !== undefined);
  const { shopName } = getBranding();

  return (
    <>
      <section className="bg-gradient-to-b from-white to-slate-50">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 py-14 md:grid-cols-2 md:items-center md:py-20">
          <div>
            <p className="mb-3 inline-flex items-center gap-2 rounded-full bg-brand/10 px-3 py-1 text-sm font-medium text-brand">
              <BadgeCheck className="size-4" aria-hidden /> {t('badge')}
            </p>
            <h1 className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">{t('title')}</h1>
            <p className="mt-4 text-lg text-slate-700">{t('lead', { shop: shopName })}</p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <Button asChild size="lg">
                <Link href="/book-repair" data-testid="cta-book">
                  {t('cta')}
                </Link>
              </Button>
              <Button asChild size="lg" variant="secondary">
                <Link href="/track">{t('ctaTrack')}</Link>
              </Button>
            </div>
          </div>
          <Card className="md:p-8">
            <h2 className="text-lg font-semibold">{t('popularTitle')}</h2>
            <ul className="mt-4 divide-y divide-slate-100">
              {popular.map((m) => (
                <li key={m.slug}>
                  <Link
                    href={`/book-repair?model=${encodeURIComponent(m.slug)}`}
                    className="-mx-2 flex items-center justify-between gap-4 rounded-lg px-2 py-3 hover:bg-slate-50"
                    data-testid={`popular-${m.slug}`}
                  >
                    <span>
                      <span className="font-medium text-slate-900">{m.name}</span>
                      <span className="block text-sm text-slate-600">{m.brandName}</span>
                    </span>
                    <span className="flex items-center gap-2">
                      {m.fromPriceMinor !== null ? (
                        <span className="text-right text-sm text-slate-700">
                          {t('from')}{' '}
                          <strong className="text-base text-slate-900">
                            {formatMoney(m.fromPriceMinor)}
                          </strong>
                        </span>
                      ) : null}
                      <ChevronRight className="size-5 shrink-0 text-brand" aria-hidden />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            <p className="mt-3 text-sm text-slate-600">{t('pricesNote')}</p>
          </Card>
        </div>
      </section>

      <section aria-labelledby="how-title" className="mx-auto max-w-6xl px-4 py-12">
        <h2 id="how-title" className="text-2xl font-bold">
          {t('howTitle')}
        </h2>
        <ol className="mt-6 grid gap-4 md:grid-cols-3">
          {(['step1', 'step2', 'step3'] as const).map((step, i) => {
            const Icon = [Smartphone, CalendarClock, Radio][i]!;
            return (
              <li key={step}>
                <Card className="h-full">
                  <Icon className="size-7 text-brand" aria-hidden />
                  <h3 className="mt-3 font-semibold">
                    {i + 1}. {t(`${step}Title`)}
                  </h3>
                  <p className="mt-1 text-slate-700">{t(`${step}Text`)}</p>
                </Card>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="devices-title" className="mx-auto max-w-6xl px-4 py-6">
        <h2 id="devices-title" className="text-2xl font-bold">
          {t('devicesTitle')}
        </h2>
        <ul className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {categories.map((c) => {
            const Icon = CATEGORY_ICONS[c.slug] ?? Smartphone;
            return (
              <li key={c.slug}>
                <Link
                  href={`/book-repair?category=${c.slug}`}
                  className="flex h-full flex-col items-center gap-2 rounded-2xl border border-slate-200 bg-white p-4 text-center shadow-sm hover:border-brand"
                >
                  <Icon className="size-8 text-brand" aria-hidden />
                  <span className="font-medium">{c.name}</span>
                  <span className="text-sm text-slate-600">{t('models', { count: c.modelCount })}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="why-title" className="mx-auto max-w-6xl px-4 py-12">
        <h2 id="why-title" className="text-2xl font-bold">
          {t('whyTitle')}
        </h2>
        <ul className="mt-6 grid gap-4 md:grid-cols-3">
          {(['why1', 'why2', 'why3'] as const).map((k, i) => {
            const Icon = [ShieldCheck, BadgeCheck, Radio][i]!;
            return (
              <li key={k} className="flex gap-3">
                <Icon className="mt-1 size-6 shrink-0 text-brand" aria-hidden />
                <div>
                  <h3 className="font-semibold">{t(`${k}Title`)}</h3>
                  <p className="text-slate-700">{t(`${k}Text`)}</p>
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="shops-title" className="mx-auto max-w-6xl px-4 pb-16">
        <div className="flex items-end justify-between gap-4">
          <h2 id="shops-title" className="text-2xl font-bold">
            {t('shopsTitle')}
          </h2>
          <Link href="/shops" className="font-medium text-brand underline-offset-4 hover:underline">
            {t('allShops')}
          </Link>
        </div>
        <ul className="mt-6 grid gap-4 md:grid-cols-2">
          {shops.map((s) => (
            <li key={s.slug}>
              <Card className="flex gap-3">
                <MapPin className="mt-1 size-6 shrink-0 text-brand" aria-hidden />
                <div>
                  <h3 className="font-semibold">{s.name}</h3>
                  <p className="text-slate-700">{[s.addressLine1, s.city, s.postcode].join(', ')}</p>
                  <p className="text-sm text-slate-600">
                    {t('slotNote', { minutes: format.number(s.slotMinutes) })}
                  </p>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
