'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { RefreshCw } from 'lucide-react';
import { Field, Select } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import type { Shop } from '@/features/shops/schemas';
import { NearestShopFinder } from '@/features/shops/components';
import { useSlots } from './queries';
import { Section } from './section';
import type { BookingDraft } from './use-booking-draft';

export function ServiceSection({
  shops,
  draft,
  update,
  disabled,
  slotError,
  refreshKey,
  onSlotsLoading,
}: {
  shops: Shop[];
  draft: BookingDraft;
  update: (p: Partial<BookingDraft>) => void;
  disabled: boolean;
  slotError: string | null;
  /** bumped by the form after a "slot full" answer to reload availability */
  refreshKey: number;
  /** told while the free slots load (the form waits for the preselected slot before booking) */
  onSlotsLoading?: (loading: boolean) => void;
}) {
  const t = useTranslations('booking');
  const shop = shops.find((s) => s.slug === draft.shop) ?? shops[0];

  useEffect(() => {
    if (!draft.shop && shops[0]) update({ shop: shops[0].slug });
  }, [draft.shop, shops, update]);

  return (
    <Section id="service" step={4} title={t('serviceTitle')}>
      <fieldset>
        <legend className="sr-only">{t('serviceTitle')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(['drop_off', 'mail_in'] as const).map((type) => (
            <label
              key={type}
              className={`flex cursor-pointer items-start gap-3 rounded-xl border p-3 ${
                draft.serviceType === type ? 'border-brand bg-brand/5 ring-2 ring-brand' : 'border-slate-300'
              }`}
            >
              <input
                type="radio"
                name="service-type"
                value={type}
                checked={draft.serviceType === type}
                onChange={() => update({ serviceType: type })}
                disabled={disabled}
                className="mt-1 size-4 accent-[var(--brand)]"
                data-testid={`service-${type}`}
              />
              <span>
                <span className="font-medium">{t(`service.${type}`)}</span>
                <span className="block text-sm text-slate-600">{t(`serviceHint.${type}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {draft.serviceType === 'drop_off' && shop ? (
        <div className="mt-5 space-y-4">
          {shops.length > 1 ? (
            <NearestShopFinder
              shops={shops}
              action="select"
              selected={shop.slug}
              disabled={disabled}
              onSelect={(slug) => update({ shop: slug, slot: null })}
            />
          ) : null}
          <Field id="shop" label={t('shopLabel')}>
            <Select
              id="shop"
              value={shop.slug}
              disabled={disabled}
              onChange={(e) => update({ shop: e.target.value, slot: null })}
              data-testid="shop-select"
            >
              {shops.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name} — {s.addressLine1}, {s.city}
                </option>
              ))}
            </Select>
          </Field>
          <SlotPicker
            key={`${shop.slug}:${refreshKey}`}
            shop={shop}
            selected={draft.slot}
            onSelect={(slot) => update({ slot })}
            disabled={disabled}
            error={slotError}
            onLoadingChange={onSlotsLoading}
          />
        </div>
      ) : null}
      {draft.serviceType === 'mail_in' ? (
        <p className="mt-4 rounded-xl bg-slate-50 p-3 text-slate-700">{t('mailInExplainer')}</p>
      ) : null}
    </Section>
  );
}

/** Day and time buttons for a shop's free slots (also used to reschedule on the manage page). */
export function SlotPicker({
  shop,
  selected,
  onSelect,
  disabled,
  error,
  exclude,
  autoSelect = true,
  onLoadingChange,
}: {
  shop: Pick<Shop, 'slug' | 'name'>;
  selected: string | null;
  onSelect: (iso: string) => void;
  disabled: boolean;
  error: string | null;
  /** a slot not to offer (the booking's current one when rescheduling) */
  exclude?: string | null;
  /** preselect the earliest free slot (the booking form does; rescheduling waits for a choice) */
  autoSelect?: boolean;
  onLoadingChange?: (loading: boolean) => void;
}) {
  const t = useTranslations('booking');
  const format = useFormatter();
  const [reload, setReload] = useState(0);
  const { data, error: fetchError, isLoading, mutate } = useSlots(shop.slug, reload);
  const slots = data ?? null;
  const loadError = fetchError ? t('loadError') : null;
  const load = () => {
    setReload((n) => n + 1);
    void mutate();
  };
  const [dayChoice, setDayChoice] = useState<string | null>(null);

  const available = useMemo(
    () => (slots ?? []).filter((s) => s.available > 0 && s.startsAt !== exclude),
    [slots, exclude],
  );
  const days = useMemo(() => [...new Set(available.map((s) => s.localDate))], [available]);
  const chosen = available.find((s) => s.startsAt === selected);

  const loading = !slots && !fetchError;
  useEffect(() => {
    onLoadingChange?.(loading);
  }, [loading, onLoadingChange]);
  useEffect(() => () => onLoadingChange?.(false), [onLoadingChange]);

  // preselect the earliest free slot, or move off a slot that is no longer free
  useEffect(() => {
    if (!autoSelect || !slots || chosen) return;
    const first = available[0];
    if (first) onSelect(first.startsAt);
  }, [autoSelect, slots, available, chosen, onSelect]);

  if (loadError) {
    return (
      <p role="alert" className="text-red-700">
        {loadError}{' '}
        <button type="button" className="font-medium underline" onClick={load}>
          {t('retry')}
        </button>
      </p>
    );
  }
  if (!slots || isLoading) return <Skeleton className="h-28" />;
  if (available.length === 0) return <p className="text-slate-700">{t('noSlots')}</p>;

  const dayLabel = (localDate: string) =>
    format.dateTime(new Date(`${localDate}T12:00:00Z`), {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
  const shownDay = dayChoice && days.includes(dayChoice) ? dayChoice : (chosen?.localDate ?? days[0]!);

  return (
    <div>
      <div className="flex items-center justify-between gap-2">
        <h3 id="slot-day-label" className="text-sm font-medium text-slate-800">
          {t('dayLabel')}
        </h3>
        <button
          type="button"
          onClick={load}
          className="inline-flex items-center gap-1 text-sm font-medium text-brand"
        >
          <RefreshCw className="size-4" aria-hidden /> {t('refreshSlots')}
        </button>
      </div>
      <div role="group" aria-labelledby="slot-day-label" className="mt-2 flex gap-2 overflow-x-auto pb-2">
        {days.map((d) => (
          <button
            key={d}
            type="button"
            aria-pressed={d === shownDay}
            disabled={disabled}
            onClick={() => setDayChoice(d)}
            data-testid={`day-${d}`}
            className={`shrink-0 rounded-lg border px-3 py-2 text-sm font-medium ${
              d === shownDay
                ? 'border-brand bg-brand text-brand-fg'
                : 'border-slate-300 bg-white hover:border-brand'
            }`}
          >
            {dayLabel(d)}
          </button>
        ))}
      </div>
      <h3 id="slot-time-label" className="mt-3 text-sm font-medium text-slate-800">
        {t('timeLabel')}
      </h3>
      <div
        role="group"
        aria-labelledby="slot-time-label"
        className="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-6"
      >
        {available
          .filter((s) => s.localDate === shownDay)
          .map((s) => (
            <button
              key={s.startsAt}
              type="button"
              aria-pressed={s.startsAt === selected}
              disabled={disabled}
              onClick={() => onSelect(s.startsAt)}
              data-testid={`slot-${s.startsAt}`}
              aria-label={t('slotAria', { time: s.localTime, left: s.available })}
              className={`rounded-lg border px-2 py-2 text-sm font-medium tabular-nums ${
                s.startsAt === selected
                  ? 'border-brand bg-brand text-brand-fg'
                  : 'border-slate-300 bg-white hover:border-brand'
              }`}
            >
              {s.localTime}
            </button>
          ))}
      </div>
      <p className="mt-3 text-sm text-slate-700" aria-live="polite" data-testid="slot-chosen">
        {chosen
          ? t('slotChosen', { day: dayLabel(chosen.localDate), time: chosen.localTime, shop: shop.name })
          : null}
      </p>
      {error ? (
        <p role="alert" className="mt-2 font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
