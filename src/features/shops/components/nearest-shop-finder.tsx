'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LocateFixed } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { rankByDistance } from '../geo';
import type { NearestResult } from '../schemas';
import { shopsClient } from './api-client';
import { NearestShopResults, type NearbyShop, type RankedItem } from './nearest-shop-results';

export type { NearbyShop };

type Failure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

type State =
  { step: 'idle' } | { step: 'locating' } | { step: 'results'; fromLabel: string; items: RankedItem[] };

const GEO_OPTIONS: PositionOptions = { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 };

function failureOf(code: number): Failure {
  if (code === 1) return 'denied';
  if (code === 3) return 'timeout';
  return 'unavailable';
}

/**
 * "Find my nearest shop": asks the device for its position only when tapped, ranks the shops
 * by distance with travel estimates; when the position is refused, unavailable or slow, a town
 * or postcode typed in is looked up on the server instead (GET /api/shops/nearest).
 * `action`: "book" links each shop to the booking form, "select" hands the chosen shop back.
 */
export function NearestShopFinder({
  shops,
  action,
  selected,
  onSelect,
  disabled,
}: {
  shops: NearbyShop[];
  action: 'book' | 'select';
  selected?: string | null;
  onSelect?: (slug: string) => void;
  /** while the surrounding form is busy: choosing is off */
  disabled?: boolean;
}) {
  const t = useTranslations('nearestShop');
  const id = useId();
  const [state, setState] = useState<State>({ step: 'idle' });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [manual, setManual] = useState(false);
  const [query, setQuery] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [alternatives, setAlternatives] = useState<string[]>([]);
  const [looking, setLooking] = useState(false);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const [announce, setAnnounce] = useState('');

  const showResults = (fromLabel: string, items: RankedItem[]) => {
    setState({ step: 'results', fromLabel, items });
    const first = items[0] && shops.find((s) => s.slug === items[0]!.slug);
    setAnnounce(first ? t('announce', { shop: first.name, place: fromLabel }) : '');
  };

  useEffect(() => {
    if (state.step === 'results') resultsHeading.current?.focus();
  }, [state]);
  useEffect(() => {
    if (failure) fieldRef.current?.focus();
  }, [failure]);

  const locate = () => {
    setFieldError(null);
    setAlternatives([]);
    if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
      setFailure('unsupported');
      setManual(true);
      return;
    }
    setState({ step: 'locating' });
    setFailure(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const from = { latitude: pos.coords.latitude, longitude: pos.coords.longitude };
        showResults(
          t('yourLocation'),
          rankByDistance(from, shops).map((r) => ({ slug: r.shop.slug, distanceKm: r.distanceKm })),
        );
      },
      (err) => {
        setState({ step: 'idle' });
        setFailure(failureOf(err.code));
        setManual(true);
      },
      GEO_OPTIONS,
    );
  };

  const lookUp = async (text: string) => {
    const q = text.trim();
    setAlternatives([]);
    if (!q) {
      setFieldError(t('empty'));
      return;
    }
    if (q.length > 60) {
      setFieldError(t('tooLong'));
      return;
    }
    setLooking(true);
    setFieldError(null);
    try {
      const res = await shopsClient.shops.nearest.$get({ query: { q } });
      if (!res.ok) throw new Error(String(res.status));
      const body = (await res.json()) as NearestResult;
      if (!body.place) {
        // the last results were for another place: they must not read as this one's
        setState({ step: 'idle' });
        setAnnounce('');
        setFieldError(
          body.reason === 'district_unavailable'
            ? t('districtUnavailable', { query: q })
            : t('unknown', { query: q }),
        );
        return;
      }
      setAlternatives(body.alternatives);
      showResults(body.place.label, body.items);
    } catch {
      setFieldError(t('lookupError'));
    } finally {
      setLooking(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void lookUp(query);
  };

  const fieldId = `${id}-place`;
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid="nearest-shop"
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id={`${id}-title`} className="sr-only">
        {t('title')}
      </h2>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button
          type="button"
          onClick={locate}
          loading={state.step === 'locating'}
          disabled={state.step === 'locating'}
          data-testid="find-nearest"
          className="w-full sm:w-auto"
        >
          {state.step === 'locating' ? null : <LocateFixed className="size-5" aria-hidden />}
          {state.step === 'locating' ? t('locating') : t('button')}
        </Button>
        {!manual ? (
          <button
            type="button"
            className="min-h-11 text-sm font-medium text-brand underline underline-offset-4"
            onClick={() => setManual(true)}
            data-testid="nearest-type-instead"
          >
            {t('typeInstead')}
          </button>
        ) : null}
      </div>
      <p className="sr-only" aria-live="polite" data-testid="nearest-status">
        {state.step === 'locating' ? t('locating') : announce}
      </p>

      {manual ? (
        <form onSubmit={onSubmit} noValidate className="mt-4 space-y-3" data-testid="nearest-fallback">
          {failure ? (
            <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="nearest-failure">
              {t(`failure.${failure}`)}
            </p>
          ) : null}
          <Field id={fieldId} label={t('fieldLabel')} hint={t('fieldHint')} error={fieldError}>
            <Input
              ref={fieldRef}
              id={fieldId}
              name="place"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="address-level2"
              enterKeyHint="search"
              maxLength={60}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? `${fieldId}-error` : `${fieldId}-hint`}
              data-testid="nearest-place"
            />
          </Field>
          <Button
            type="submit"
            variant="secondary"
            loading={looking}
            className="w-full sm:w-auto"
            data-testid="nearest-search"
          >
            {t('search')}
          </Button>
          <p className="text-xs text-slate-600">{t('placeCredit')}</p>
        </form>
      ) : null}

      {state.step === 'results' ? (
        <>
          <NearestShopResults
            ref={resultsHeading}
            shops={shops}
            items={state.items}
            fromLabel={state.fromLabel}
            action={action}
            selected={selected}
            onSelect={onSelect}
            disabled={disabled}
          />
          {alternatives.length > 0 ? (
            <div className="mt-3">
              <p className="text-sm text-slate-700">{t('otherPlaces')}</p>
              <ul className="mt-1 flex flex-wrap gap-2">
                {alternatives.map((a) => (
                  <li key={a}>
                    <button
                      type="button"
                      className="min-h-11 rounded-lg border border-slate-300 px-3 text-sm hover:border-brand"
                      onClick={() => {
                        setQuery(a);
                        void lookUp(a);
                      }}
                    >
                      {a}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
