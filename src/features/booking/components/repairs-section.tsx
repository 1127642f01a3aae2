'use client';
import { useTranslations } from 'next-intl';
import { Check } from 'lucide-react';
import { Skeleton } from '@/components/ui/skeleton';
import { formatMoney } from '@/features/pricing';
import { QuoteSummary } from '@/features/pricing/components';
import { DescribeProblem } from '@/features/diagnostics/components';
import { useModelDetail, useQuote } from './queries';
import { Section } from './section';
import type { BookingDraft, Urgency } from './use-booking-draft';

const URGENCIES: Urgency[] = ['standard', 'express', 'same_day'];

export function RepairsSection({
  draft,
  update,
  disabled,
}: {
  draft: BookingDraft;
  update: (p: Partial<BookingDraft>) => void;
  disabled: boolean;
}) {
  const t = useTranslations('booking');
  const { data: detail, error: detailError } = useModelDetail(draft.model!);
  const { data: quote, error: quoteError, isValidating: quoting } = useQuote(draft);
  const error = detailError ? t('loadError') : quoteError ? t('quoteError') : null;

  function toggle(slug: string) {
    update({
      repairs: draft.repairs.includes(slug)
        ? draft.repairs.filter((r) => r !== slug)
        : [...draft.repairs, slug],
    });
  }

  return (
    <Section id="repairs" step={3} title={t('repairsTitle', { model: detail?.name ?? '' })}>
      {error ? (
        <p role="alert" className="mb-3 text-red-700">
          {error}
        </p>
      ) : null}
      {!detail ? (
        <div className="grid gap-2 sm:grid-cols-2">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-16" />
          ))}
        </div>
      ) : (
        <>
          <DescribeProblem
            key={draft.model}
            modelSlug={draft.model!}
            value={draft.fault}
            onChange={(fault) => update({ fault })}
            offered={detail.repairs}
            onPick={(repairs) => update({ repairs })}
            disabled={disabled}
          />
          <fieldset>
            <legend className="text-sm text-slate-700">{t('repairsHint')}</legend>
            <ul className="mt-2 grid gap-2 sm:grid-cols-2">
              {detail.repairs.map((r) => {
                const on = draft.repairs.includes(r.slug);
                return (
                  <li key={r.slug}>
                    <button
                      type="button"
                      role="checkbox"
                      aria-checked={on}
                      disabled={disabled}
                      onClick={() => toggle(r.slug)}
                      data-testid={`issue-${r.slug}`}
                      className={`flex w-full items-start gap-3 rounded-xl border p-3 text-left transition ${
                        on
                          ? 'border-brand bg-brand/10 ring-2 ring-brand'
                          : 'border-slate-300 bg-white hover:border-brand'
                      }`}
                    >
                      <span
                        aria-hidden
                        className={`mt-0.5 grid size-5 shrink-0 place-items-center rounded border ${
                          on ? 'border-brand bg-brand text-brand-fg' : 'border-slate-400'
                        }`}
                      >
                        {on ? <Check className="size-4" /> : null}
                      </span>
                      <span className="flex-1">
                        <span className="flex justify-between gap-2 font-medium">
                          <span>{r.name}</span>
                          <span className="tabular-nums">
                            {r.priceMinor === 0 ? t('free') : formatMoney(r.priceMinor, r.currency)}
                          </span>
                        </span>
                        <span className="block text-sm text-slate-600">
                          {t('repairMeta', { warranty: r.warrantyDays, hours: r.turnaroundHours })}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        </>
      )}

      {draft.repairs.length > 0 ? (
        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <fieldset>
            <legend className="font-medium">{t('urgencyTitle')}</legend>
            <div className="mt-2 space-y-2">
              {URGENCIES.map((u) => (
                <label
                  key={u}
                  className={`flex cursor-pointer items-start gap-3 rounded-xl border p-3 ${
                    draft.urgency === u ? 'border-brand bg-brand/5' : 'border-slate-300'
                  }`}
                >
                  <input
                    type="radio"
                    name="urgency"
                    value={u}
                    checked={draft.urgency === u}
                    onChange={() => update({ urgency: u })}
                    disabled={disabled}
                    className="mt-1 size-4 accent-[var(--brand)]"
                    data-testid={`urgency-${u}`}
                  />
                  <span>
                    <span className="font-medium">{t(`urgency.${u}`)}</span>
                    <span className="block text-sm text-slate-600">{t(`urgencyHint.${u}`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div
            data-testid="price-estimate"
            aria-live="polite"
            aria-busy={quoting}
            className="rounded-xl border border-slate-200 bg-slate-50 p-4"
          >
            <h3 className="font-semibold">{t('estimateTitle')}</h3>
            <div className="mt-3">
              {quote && draft.repairs.length > 0 ? (
                <QuoteSummary quote={quote} />
              ) : (
                <Skeleton className="h-24" />
              )}
            </div>
          </div>
        </div>
      ) : null}
    </Section>
  );
}
