'use client';
import { useId } from 'react';
import { useTranslations } from 'next-intl';
import { Input, Select } from '@/components/ui/input';
import { PRESETS, presetRange, type Preset } from './format';

export interface ShopOption {
  slug: string;
  name: string;
}

export interface FilterState {
  preset: Preset;
  from?: string;
  to?: string;
  compare: 'previous' | 'year' | 'none';
  shop: string;
}

const label = 'block text-sm font-medium text-slate-800';

/** Range (presets or custom dates), comparison, and shop (admins choose; a manager's is fixed). */
export function FilterBar({
  state,
  onChange,
  shops,
  fixedShop,
}: {
  state: FilterState;
  onChange: (s: FilterState) => void;
  shops: ShopOption[];
  fixedShop: ShopOption | null;
}) {
  const t = useTranslations('analytics.dashboard');
  const id = useId();
  const setPreset = (preset: Preset) => {
    if (preset === 'custom') {
      const r = state.from && state.to ? { from: state.from, to: state.to } : presetRange('30d');
      onChange({ ...state, preset, ...r });
    } else onChange({ ...state, preset, ...presetRange(preset) });
  };
  const setDate = (key: 'from' | 'to', value: string) => {
    const next = { ...state, [key]: value };
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && next.from && next.to && next.from <= next.to) onChange(next);
  };
  return (
    <form
      aria-label={t('filters')}
      onSubmit={(e) => e.preventDefault()}
      className="grid gap-3 rounded-2xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <div className="space-y-1.5">
        <label htmlFor={`${id}-range`} className={label}>
          {t('range')}
        </label>
        <Select
          id={`${id}-range`}
          value={state.preset}
          onChange={(e) => setPreset(e.target.value as Preset)}
          data-testid="range"
        >
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`presets.${p}`)}
            </option>
          ))}
        </Select>
      </div>
      {state.preset === 'custom' ? (
        <div className="grid grid-cols-2 gap-2">
          <div className="min-w-0 space-y-1.5">
            <label htmlFor={`${id}-from`} className={label}>
              {t('from')}
            </label>
            <Input
              id={`${id}-from`}
              type="date"
              defaultValue={state.from}
              max={state.to}
              onChange={(e) => setDate('from', e.target.value)}
            />
          </div>
          <div className="min-w-0 space-y-1.5">
            <label htmlFor={`${id}-to`} className={label}>
              {t('to')}
            </label>
            <Input
              id={`${id}-to`}
              type="date"
              defaultValue={state.to}
              min={state.from}
              onChange={(e) => setDate('to', e.target.value)}
            />
          </div>
        </div>
      ) : null}
      <div className="space-y-1.5">
        <label htmlFor={`${id}-compare`} className={label}>
          {t('compare')}
        </label>
        <Select
          id={`${id}-compare`}
          value={state.compare}
          onChange={(e) => onChange({ ...state, compare: e.target.value as FilterState['compare'] })}
        >
          <option value="previous">{t('compareWith.previous')}</option>
          <option value="year">{t('compareWith.year')}</option>
          <option value="none">{t('compareWith.none')}</option>
        </Select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${id}-shop`} className={label}>
          {t('shop')}
        </label>
        {fixedShop ? (
          <Input id={`${id}-shop`} value={fixedShop.name} readOnly aria-readonly data-testid="shop-fixed" />
        ) : (
          <Select
            id={`${id}-shop`}
            value={state.shop}
            onChange={(e) => onChange({ ...state, shop: e.target.value })}
          >
            <option value="all">{t('allShops')}</option>
            {shops.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </Select>
        )}
      </div>
    </form>
  );
}
