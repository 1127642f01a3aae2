'use client';
import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import { AlertTriangle, Sparkles, Stethoscope } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/input';
import { readProblem } from '@/components/api-problem';
import { formatMoney } from '@/features/pricing';
import { FREE_DIAGNOSTIC_REPAIR } from '../repair-map';
import type { Diagnosis } from '../schemas';
import { diagnosticsClient } from './api-client';
import { likelihoodOf, preselectedRepairs } from './likelihood';

/** A repair the chosen model offers (the booking form's list), with its price. */
export interface OfferedRepair {
  slug: string;
  name: string;
  priceMinor: number;
  currency: string;
}

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string; field: boolean }
  | { status: 'done'; diagnosis: Diagnosis; picked: string[] };

/** The booking form's problem text is kept to this length; the API takes more. */
const MAX_CHARS = 2000;

/**
 * "Describe the problem": the customer's own words go to POST /api/ai/diagnose; the likely
 * faults come back in words ("very likely"), with urgency and prices, and the likely repairs are
 * preselected through `onPick` (the customer can change them). The text is the booking's problem
 * text (`value`/`onChange`), so it travels with the booking.
 */
export function DescribeProblem({
  modelSlug,
  value,
  onChange,
  offered,
  onPick,
  disabled,
}: {
  modelSlug: string;
  value: string;
  onChange: (text: string) => void;
  offered: readonly OfferedRepair[];
  onPick: (repairSlugs: string[]) => void;
  disabled: boolean;
}) {
  const t = useTranslations('diagnose');
  const id = useId();
  const [state, setState] = useState<State>({ status: 'idle' });
  const offeredSlugs = new Set(offered.map((r) => r.slug));
  const diagnostic = offered.find((r) => r.slug === FREE_DIAGNOSTIC_REPAIR);
  const repairName = (slug: string) => offered.find((r) => r.slug === slug)?.name ?? slug;

  async function run() {
    if (!value.trim()) {
      setState({ status: 'error', message: t('emptyError'), field: true });
      return;
    }
    setState({ status: 'loading' });
    try {
      const res = await diagnosticsClient.ai.diagnose.$post({ json: { description: value, modelSlug } });
      if (!res.ok) {
        const problem = await readProblem(res as unknown as Response);
        const fieldMessage = problem.errors?.find((e) => e.path.startsWith('description'))?.message;
        setState(
          fieldMessage
            ? { status: 'error', message: fieldMessage, field: true }
            : {
                status: 'error',
                message: problem.status === 429 ? problem.detail : t('error'),
                field: false,
              },
        );
        return;
      }
      const diagnosis = (await res.json()) as Diagnosis;
      const picked = diagnosis.notSure
        ? []
        : preselectedRepairs(diagnosis.candidates).filter((s) => offeredSlugs.has(s));
      if (picked.length > 0) onPick(picked);
      setState({ status: 'done', diagnosis, picked });
    } catch {
      setState({ status: 'error', message: t('error'), field: false });
    }
  }

  const fieldError = state.status === 'error' && state.field ? state.message : null;
  const price = (amount: number, currency: string) =>
    amount === 0 ? t('free') : formatMoney(amount, currency);

  return (
    <div className="mb-6 rounded-xl border border-slate-200 bg-slate-50 p-4" data-testid="describe-problem">
      <h3 className="flex items-center gap-2 font-semibold">
        <Sparkles className="size-4 text-brand" aria-hidden />
        {t('title')}
      </h3>
      <p className="mt-1 text-sm text-slate-700">{t('lead')}</p>
      <label htmlFor={`${id}-text`} className="mt-3 block text-sm font-medium text-slate-800">
        {t('label')}
      </label>
      <Textarea
        id={`${id}-text`}
        className="mt-1.5"
        value={value}
        disabled={disabled}
        maxLength={MAX_CHARS}
        placeholder={t('placeholder')}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={fieldError ? `${id}-error` : `${id}-hint`}
        data-testid="diagnose-description"
      />
      {fieldError ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-700">
          {fieldError}
        </p>
      ) : (
        <p id={`${id}-hint`} className="mt-1.5 text-sm text-slate-600">
          {t('hint')}
        </p>
      )}
      <Button
        type="button"
        variant="secondary"
        className="mt-3 w-full sm:w-auto"
        onClick={() => void run()}
        loading={state.status === 'loading'}
        disabled={disabled}
        data-testid="diagnose-submit"
      >
        {state.status === 'loading' ? t('working') : t('submit')}
      </Button>

      <div aria-live="polite" aria-busy={state.status === 'loading'} className="mt-4 empty:mt-0">
        {state.status === 'error' && !state.field ? (
          <p role="alert" className="text-red-700" data-testid="diagnose-error">
            {state.message}
          </p>
        ) : null}
        {state.status === 'done' ? (
          <DiagnosisView
            diagnosis={state.diagnosis}
            picked={state.picked.map(repairName)}
            price={price}
            diagnostic={diagnostic}
            onChooseDiagnostic={() => onPick([FREE_DIAGNOSTIC_REPAIR])}
            disabled={disabled}
          />
        ) : null}
      </div>
    </div>
  );
}

function DiagnosisView({
  diagnosis,
  picked,
  price,
  diagnostic,
  onChooseDiagnostic,
  disabled,
}: {
  diagnosis: Diagnosis;
  picked: string[];
  price: (amount: number, currency: string) => string;
  diagnostic: OfferedRepair | undefined;
  onChooseDiagnostic: () => void;
  disabled: boolean;
}) {
  const t = useTranslations('diagnose');
  const { urgency } = diagnosis;
  const categoryName = (c: string) => (t.has(`category.${c}`) ? t(`category.${c}`) : c);
  return (
    <div className="space-y-4" data-testid="diagnosis">
      {urgency.level !== 'normal' ? (
        <div
          className={`flex gap-3 rounded-lg border p-3 ${
            urgency.level === 'urgent'
              ? 'border-red-300 bg-red-50 text-red-950'
              : 'border-amber-300 bg-amber-50 text-amber-950'
          }`}
          data-testid="diagnosis-urgency"
          data-level={urgency.level}
        >
          <AlertTriangle className="mt-0.5 size-5 shrink-0" aria-hidden />
          <div>
            <p className="font-semibold">{t(`urgency.${urgency.level}`)}</p>
            <ul className="mt-1 space-y-1 text-sm">
              {urgency.reasons.map((r) => (
                <li key={r.code} data-testid={`urgency-reason-${r.code}`}>
                  {t.has(`urgency.${r.code}`) ? t(`urgency.${r.code}`) : r.message}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}

      {diagnosis.notSure ? (
        <div
          className="flex gap-3 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sky-950"
          data-testid="diagnosis-not-sure"
        >
          <Stethoscope className="mt-0.5 size-5 shrink-0" aria-hidden />
          <div>
            <p className="font-semibold">{t('notSure')}</p>
            <p className="mt-1 text-sm">
              {diagnostic?.priceMinor === 0 ? t('notSureFreeAdvice') : t('notSureAdvice')}
            </p>
            {diagnostic ? (
              <Button
                type="button"
                size="sm"
                className="mt-2"
                onClick={onChooseDiagnostic}
                disabled={disabled}
                data-testid="diagnosis-choose-diagnostic"
              >
                {t('chooseDiagnostic')} · {price(diagnostic.priceMinor, diagnostic.currency)}
              </Button>
            ) : null}
          </div>
        </div>
      ) : (
        <div>
          <h4 className="font-medium">{t('resultsTitle')}</h4>
          <ol className="mt-2 space-y-2">
            {diagnosis.candidates.map((c) => (
              <li
                key={c.category}
                className="rounded-lg border border-slate-200 bg-white p-3"
                data-testid={`candidate-${c.category}`}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="font-medium">{categoryName(c.category)}</span>
                  <span className="text-sm text-slate-700">
                    {t(`likelihood.${likelihoodOf(c.probability)}`)}{' '}
                    <span className="tabular-nums text-slate-500">
                      ({t('percent', { percent: Math.round(c.probability * 100) })})
                    </span>
                  </span>
                </div>
                {c.repairs.length > 0 ? (
                  <ul className="mt-1 text-sm text-slate-700">
                    {c.repairs.map((r) => (
                      <li key={r.slug} className="flex justify-between gap-2">
                        <span>{r.name}</span>
                        <span className="tabular-nums">
                          {r.price ? price(r.price.amount, r.price.currency) : t('priceOnModel')}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1 text-sm text-slate-600">{t('notOffered')}</p>
                )}
              </li>
            ))}
          </ol>
          {diagnosis.alternatives.length > 0 ? (
            <p className="mt-2 text-sm text-slate-600">
              {t('alsoPossible', {
                list: diagnosis.alternatives.map((a) => categoryName(a.category)).join(', '),
              })}
            </p>
          ) : null}
          {diagnosis.secondOpinion ? (
            <p className="mt-1 text-sm text-slate-600">
              {t('secondOpinion', { category: categoryName(diagnosis.secondOpinion.category) })}
            </p>
          ) : null}
          <p className="mt-3 text-sm font-medium text-slate-800" data-testid="diagnosis-selected">
            {picked.length > 0 ? t('selected', { repairs: picked.join(', ') }) : t('selectedNone')}
          </p>
        </div>
      )}
    </div>
  );
}
