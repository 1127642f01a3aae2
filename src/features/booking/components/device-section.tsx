'use client';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Search } from 'lucide-react';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import type { Brand, Category } from '@/features/catalog/schemas';
import { useModels } from './queries';
import { ChoiceButton, Section } from './section';
import type { BookingDraft } from './use-booking-draft';

export function DeviceSection({
  categories,
  brands,
  draft,
  update,
  disabled,
}: {
  categories: Category[];
  brands: Brand[];
  draft: BookingDraft;
  update: (p: Partial<BookingDraft>) => void;
  disabled: boolean;
}) {
  const t = useTranslations('booking');
  const visibleBrands = draft.category
    ? brands.filter((b) => b.categories.includes(draft.category!))
    : brands;

  return (
    <>
      <Section id="device" step={1} title={t('deviceTitle')}>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">{t('categoryFilter')}</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {[{ slug: null, name: t('allCategories') }, ...categories].map((c) => (
              <button
                key={c.slug ?? 'all'}
                type="button"
                disabled={disabled}
                aria-pressed={draft.category === c.slug}
                onClick={() => update({ category: c.slug })}
                data-testid={`category-${c.slug ?? 'all'}`}
                className={`min-h-11 min-w-11 rounded-full border px-3 py-1.5 text-sm font-medium ${
                  draft.category === c.slug
                    ? 'border-brand bg-brand text-brand-fg'
                    : 'border-slate-300 bg-white text-slate-700 hover:border-brand'
                }`}
              >
                {c.name}
              </button>
            ))}
          </div>
        </fieldset>
        <h3 className="mt-5 text-sm font-medium text-slate-700">{t('brandLabel')}</h3>
        <ul className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
          {visibleBrands.map((b) => (
            <li key={b.slug}>
              <ChoiceButton
                className="w-full"
                pressed={draft.brand === b.slug}
                disabled={disabled}
                testId={`device-${b.slug}`}
                onClick={() =>
                  update(draft.brand === b.slug ? {} : { brand: b.slug, model: null, repairs: [] })
                }
              >
                {b.name}
                <span className="block text-sm font-normal text-slate-600">
                  {t('modelCount', { count: b.modelCount })}
                </span>
              </ChoiceButton>
            </li>
          ))}
        </ul>
      </Section>
      {draft.brand ? <ModelPicker draft={draft} update={update} disabled={disabled} /> : null}
    </>
  );
}

function ModelPicker({
  draft,
  update,
  disabled,
}: {
  draft: BookingDraft;
  update: (p: Partial<BookingDraft>) => void;
  disabled: boolean;
}) {
  const t = useTranslations('booking');
  const [q, setQ] = useState('');
  const { data, error: loadError } = useModels(draft.brand!, draft.category);
  const models = data ?? null;
  const error = loadError ? t('loadError') : null;

  const shown = useMemo(() => {
    if (!models) return [];
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return models.filter((m) => words.every((w) => `${m.name} ${m.releaseYear}`.toLowerCase().includes(w)));
  }, [models, q]);

  return (
    <Section id="model" step={2} title={t('modelTitle')}>
      <label htmlFor="model-search" className="sr-only">
        {t('modelSearch')}
      </label>
      <div className="relative">
        <Search className="pointer-events-none absolute left-3 top-3 size-5 text-slate-500" aria-hidden />
        <Input
          id="model-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('modelSearch')}
          className="pl-10"
          autoComplete="off"
          data-testid="model-search"
        />
      </div>
      <div aria-live="polite" className="sr-only">
        {models ? t('modelsFound', { count: shown.length }) : t('loading')}
      </div>
      {error ? (
        <p role="alert" className="mt-3 text-red-700">
          {error}
        </p>
      ) : !models ? (
        <div className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-16" />
          ))}
        </div>
      ) : shown.length === 0 ? (
        <p className="mt-3 text-slate-700">{t('noModels')}</p>
      ) : (
        <ul className="mt-3 grid max-h-[28rem] grid-cols-1 gap-2 overflow-y-auto p-1 sm:grid-cols-2 lg:grid-cols-3">
          {shown.map((m) => (
            <li key={m.slug}>
              <ChoiceButton
                className="w-full"
                pressed={draft.model === m.slug}
                disabled={disabled}
                testId={`model-${m.slug}`}
                onClick={() => update(draft.model === m.slug ? {} : { model: m.slug, repairs: [] })}
              >
                {m.name}
                <span className="block text-sm font-normal text-slate-600">{m.releaseYear}</span>
              </ChoiceButton>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
