import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Clock, Mail, MapPin, Navigation, Phone } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDb } from '@/server/db/runtime';
import { listShopRows } from '@/features/shops/server/list-shops';
import { NearestShopFinder } from '@/features/shops/components';

export const dynamic = 'force-dynamic';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export async function generateMetadata() {
  const t = await getTranslations('shops');
  return { title: t('title') };
}

export default async function ShopsPage() {
  const t = await getTranslations('shops');
  const tDays = await getTranslations('days');
  const shops = await listShopRows(await getDb());
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-bold">{t('title')}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t('lead')}</p>
      <div className="mt-6 max-w-2xl">
        <NearestShopFinder
          action="book"
          shops={shops.map((s) => ({
            slug: s.slug,
            name: s.name,
            addressLine1: s.addressLine1,
            city: s.city,
            postcode: s.postcode,
            latitude: s.latitude,
            longitude: s.longitude,
          }))}
        />
      </div>
      <ul className="mt-8 grid gap-6 lg:grid-cols-2">
        {shops.map((s) => {
          // links out, no embedded map: the page stays whole offline and under the CSP
          const mapUrl = `https://www.openstreetmap.org/?mlat=${s.latitude}&mlon=${s.longitude}#map=17/${s.latitude}/${s.longitude}`;
          const directionsUrl = `https://www.openstreetmap.org/directions?to=${s.latitude}%2C${s.longitude}`;
          return (
            <li key={s.slug}>
              <Card className="h-full" data-testid={`shop-${s.slug}`}>
                <h2 className="text-xl font-semibold">{s.name}</h2>
                <dl className="mt-4 space-y-3 text-slate-800">
                  <div className="flex gap-3">
                    <dt>
                      <MapPin className="size-5 text-brand" aria-hidden />
                      <span className="sr-only">{t('address')}</span>
                    </dt>
                    <dd className="min-w-0">
                      {[s.addressLine1, s.addressLine2, s.city, s.postcode].filter(Boolean).join(', ')}
                      <span className="flex flex-wrap gap-x-4">
                        <a
                          className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-brand underline underline-offset-4"
                          href={directionsUrl}
                          rel="noopener noreferrer"
                          target="_blank"
                          data-testid={`directions-${s.slug}`}
                        >
                          <Navigation className="size-4" aria-hidden />
                          {t('directions', { shop: s.name })}
                        </a>
                        <a
                          className="inline-flex min-h-11 items-center text-sm font-medium text-brand underline underline-offset-4"
                          href={mapUrl}
                          rel="noopener noreferrer"
                          target="_blank"
                        >
                          {t('map')}
                        </a>
                      </span>
                    </dd>
                  </div>
                  <div className="flex items-center gap-3">
                    <dt>
                      <Phone className="size-5 text-brand" aria-hidden />
                      <span className="sr-only">{t('phone')}</span>
                    </dt>
                    <dd className="min-w-0">
                      <a
                        className="inline-flex min-h-11 items-center underline-offset-4 hover:underline"
                        href={`tel:${s.phone.replace(/\s/g, '')}`}
                      >
                        {s.phone}
                      </a>
                    </dd>
                  </div>
                  <div className="flex items-center gap-3">
                    <dt>
                      <Mail className="size-5 text-brand" aria-hidden />
                      <span className="sr-only">{t('email')}</span>
                    </dt>
                    <dd className="min-w-0">
                      <a
                        className="inline-flex min-h-11 items-center break-all underline-offset-4 hover:underline"
                        href={`mailto:${s.email}`}
                      >
                        {s.email}
                      </a>
                    </dd>
                  </div>
                  <div className="flex gap-3">
                    <dt>
                      <Clock className="size-5 text-brand" aria-hidden />
                      <span className="sr-only">{t('hours')}</span>
                    </dt>
                    <dd className="w-full min-w-0">
                      <table className="w-full max-w-xs text-sm">
                        <caption className="sr-only">{t('hoursCaption', { shop: s.name })}</caption>
                        <tbody>
                          {DAYS.map((d) => {
                            const windows = s.openingHours[d] ?? [];
                            return (
                              <tr key={d}>
                                <th scope="row" className="py-0.5 pr-4 text-left font-medium">
                                  {tDays(d)}
                                </th>
                                <td className="py-0.5">
                                  {windows.length === 0
                                    ? t('closed')
                                    : windows.map((w) => `${w.open}–${w.close}`).join(', ')}
                                </td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </dd>
                  </div>
                </dl>
                <Button asChild className="mt-6">
                  <Link href={`/book-repair?shop=${s.slug}`}>{t('bookHere')}</Link>
                </Button>
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
