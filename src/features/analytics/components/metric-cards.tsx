'use client';
import { useTranslations } from 'next-intl';
import type { MetricResult } from '../metrics';
import { formatChange, formatValue } from './format';
import { useMetricLabels } from './labels';

/** A metric's KPI cards: the figure, and its change against the comparison range. */
export function MetricCards({ result }: { result: MetricResult }) {
  const t = useTranslations('analytics.dashboard');
  const labels = useMetricLabels();
  if (result.cards.length === 0) return null;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
      {result.cards.map((c) => {
        const change = formatChange(c.change);
        return (
          <div key={c.key} className="rounded-xl border border-slate-200 bg-white p-3">
            <dt className="text-sm text-slate-600">{labels.card(result.metric, c.key)}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums break-words">
              {formatValue(c.unit, c.value, result.currency)}
            </dd>
            {change ? (
              <dd className={`text-sm ${c.change! >= 0 ? 'text-emerald-700' : 'text-red-700'}`}>
                {t('change', { change, previous: formatValue(c.unit, c.previous, result.currency) })}
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
}
