'use client';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { forwardRef } from 'react';
import { Car, Check, Footprints, MapPin } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { kmToMiles, travelHints, TRAVEL_ASSUMPTIONS, type TravelHint } from '../geo';
import type { Shop } from '../schemas';

export type NearbyShop = Pick<
  Shop,
  'slug' | 'name' | 'addressLine1' | 'city' | 'postcode' | 'latitude' | 'longitude'
>;

export interface RankedItem {
  slug: string;
  distanceKm: number;
}

/** Shops nearest first with distance (miles, km beside), travel estimates and the action. */
export const NearestShopResults = forwardRef<
  HTMLHeadingElement,
  {
    shops: NearbyShop[];
    items: RankedItem[];
    /** "your location" or the place typed */
    fromLabel: string;
    action: 'book' | 'select';
    selected?: string | null;
    onSelect?: (slug: string) => void;
    disabled?: boolean;
  }
>(function NearestShopResults({ shops, items, fromLabel, action, selected, onSelect, disabled }, headingRef) {
  const t = useTranslations('nearestShop');
  const format = useFormatter();
  const bySlug = new Map(shops.map((s) => [s.slug, s]));
  const rows = items.flatMap((i) => {
    const shop = bySlug.get(i.slug);
    return shop ? [{ shop, distanceKm: i.distanceKm }] : [];
  });

  /** one decimal under 10, whole numbers beyond (the plural follows the rounded figure) */
  const rounded = (n: number) => (n < 10 ? Math.round(n * 10) / 10 : Math.round(n));
  const num = (n: number) => format.number(rounded(n), { maximumFractionDigits: 1 });
  const duration = (minutes: number) =>
    minutes < 60
      ? t('minutes', { minutes })
      : t('hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  const hintText = (h: TravelHint) =>
    h.mode === 'walk' ? t('walk', { time: duration(h.minutes) }) : t('drive', { time: duration(h.minutes) });

  return (
    <div className="mt-4" data-testid="nearest-results">
      <h3 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
        {t('resultsTitle')}
      </h3>
      <p className="text-sm text-slate-700" data-testid="nearest-from">
        {t('from', { place: fromLabel })}
      </p>
      <ol className="mt-3 space-y-3">
        {rows.map(({ shop, distanceKm }, index) => {
          const nearest = index === 0;
          const miles = kmToMiles(distanceKm);
          const isSelected = selected === shop.slug;
          return (
            <li
              key={shop.slug}
              data-testid={`nearest-${shop.slug}`}
              data-nearest={nearest ? 'true' : undefined}
              className={`rounded-xl border p-3 ${nearest ? 'border-brand bg-brand/5' : 'border-slate-300 bg-white'}`}
            >
              <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 font-semibold">
                  {shop.name}
                  {nearest ? (
                    <span
                      className="inline-block rounded-full bg-brand px-2 py-0.5 align-middle text-xs font-semibold text-brand-fg"
                      data-testid="nearest-badge"
                    >
                      {t('nearest')}
                    </span>
                  ) : null}
                </p>
                <p className="tabular-nums" data-testid={`nearest-distance-${shop.slug}`}>
                  <span className="font-semibold">
                    {t('miles', { miles: num(miles), count: rounded(miles) })}
                  </span>{' '}
                  <span className="text-sm text-slate-600">{t('km', { km: num(distanceKm) })}</span>
                </p>
              </div>
              <p className="mt-1 flex items-start gap-1 text-sm text-slate-700">
                <MapPin className="mt-0.5 size-4 shrink-0 text-brand" aria-hidden />
                {[shop.addressLine1, shop.city, shop.postcode].filter(Boolean).join(', ')}
              </p>
              <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
                {travelHints(distanceKm).map((h) => (
                  <li key={h.mode} className="flex items-center gap-1" data-testid={`hint-${h.mode}`}>
                    {h.mode === 'walk' ? (
                      <Footprints className="size-4" aria-hidden />
                    ) : (
                      <Car className="size-4" aria-hidden />
                    )}
                    {hintText(h)}
                  </li>
                ))}
              </ul>
              <div className="mt-3">
                {action === 'book' ? (
                  <Button asChild variant={nearest ? 'primary' : 'secondary'} className="w-full sm:w-auto">
                    <Link href={`/book-repair?shop=${shop.slug}`} data-testid={`nearest-book-${shop.slug}`}>
                      {t('bookHere')}
                      <span className="sr-only"> {t('atShop', { shop: shop.name })}</span>
                    </Link>
                  </Button>
                ) : (
                  <Button
                    type="button"
                    variant={isSelected ? 'primary' : 'secondary'}
                    aria-pressed={isSelected}
                    disabled={disabled}
                    onClick={() => onSelect?.(shop.slug)}
                    className="w-full sm:w-auto"
                    data-testid={`nearest-choose-${shop.slug}`}
                  >
                    {isSelected ? <Check className="size-4" aria-hidden /> : null}
                    {isSelected ? t('chosen') : t('choose')}
                    <span className="sr-only"> {shop.name}</span>
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="mt-3 text-xs text-slate-600">
        {t('estimateNote', {
          walk: TRAVEL_ASSUMPTIONS.walkingKmh,
          town: TRAVEL_ASSUMPTIONS.cityDrivingKmh,
          long: TRAVEL_ASSUMPTIONS.longDrivingKmh,
          detour: Math.round((TRAVEL_ASSUMPTIONS.detourFactor - 1) * 100),
        })}
      </p>
    </div>
  );
});
