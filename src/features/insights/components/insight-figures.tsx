import { useFormatter, useTranslations } from 'next-intl';
import { Clock, RotateCcw, TrendingUp } from 'lucide-react';
import type { ModelInsights } from '../schemas';
import { INSIGHT_MINIMUMS } from '../statistics';

/** Hours under two days in hours, longer in days to one decimal. */
function useDuration() {
  const t = useTranslations('insights');
  return (hours: number) =>
    hours < 48 ? t('hours', { hours: Math.round(hours) }) : t('days', { days: Math.round(hours / 2.4) / 10 });
}

/**
 * A model's figures: the headline for the device's current age, the repairs per age bucket, the
 * turnaround and the repeat rate, each with its sample; an honest "too little history" below the
 * minimums. `compact` (the console list) leaves out the per-age table.
 */
export function InsightFigures({
  insights,
  compact = false,
}: {
  insights: ModelInsights;
  compact?: boolean;
}) {
  const t = useTranslations('insights');
  const format = useFormatter();
  const duration = useDuration();
  const percent = (share: number) => format.number(share, { style: 'percent', maximumFractionDigits: 0 });

  if (!insights.enoughHistory) {
    return (
      <p className="text-slate-700" data-testid="insights-too-little">
        {t('tooLittle', { n: insights.orders, minimum: INSIGHT_MINIMUMS.repairs })}
      </p>
    );
  }

  const current = insights.repairsByAge.find((b) => b.bucket === insights.currentAgeBucket);
  const age = t(`ages.${insights.currentAgeBucket}`);
  const top = current?.top[0];
  // without shares for the device's own age: the oldest age that has them, said as such
  const fallback = top ? undefined : [...insights.repairsByAge].reverse().find((b) => b.top[0]);
  const { turnaround, repeat } = insights;

  return (
    <div className="space-y-4" data-testid="insights-figures">
      <ul className="space-y-3 text-slate-800">
        <li className="flex gap-3">
          <TrendingUp className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
          <span data-testid="insights-headline">
            {!current
              ? t('headlineNone', { age })
              : top
                ? t('headline', { age, repair: top.name, share: percent(top.share), orders: current.orders })
                : t('headlineFew', { age, orders: current.orders })}
          </span>
        </li>
        {fallback ? (
          <li className="flex gap-3">
            <TrendingUp className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
            <span data-testid="insights-headline-nearest">
              {t('headline', {
                age: t(`ages.${fallback.bucket}`),
                repair: fallback.top[0]!.name,
                share: percent(fallback.top[0]!.share),
                orders: fallback.orders,
              })}
            </span>
          </li>
        ) : null}
        <li className="flex gap-3">
          <Clock className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
          <span data-testid="insights-turnaround">
            <span className="font-semibold">{t('turnaroundTitle')}: </span>
            {turnaround.medianHours !== null && turnaround.p80Hours !== null
              ? t('turnaround', {
                  median: duration(turnaround.medianHours),
                  p80: duration(turnaround.p80Hours),
                  n: turnaround.n,
                })
              : t('turnaroundFew', { n: turnaround.n, minimum: INSIGHT_MINIMUMS.turnaround })}
          </span>
        </li>
        <li className="flex gap-3">
          <RotateCcw className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
          <span data-testid="insights-repeat">
            <span className="font-semibold">{t('repeatTitle', { days: repeat.windowDays })}: </span>
            {repeat.rate !== null
              ? t('repeat', {
                  rate: percent(repeat.rate),
                  days: repeat.windowDays,
                  returned: repeat.returned,
                  n: repeat.n,
                })
              : t('repeatFew', { n: repeat.n, minimum: INSIGHT_MINIMUMS.repeat, days: repeat.windowDays })}
          </span>
        </li>
      </ul>

      {compact ? null : <RepairsByAge insights={insights} />}
    </div>
  );
}

/** The most common repairs in each age bucket of the device, with the bucket's sample. */
export function RepairsByAge({ insights }: { insights: ModelInsights }) {
  const t = useTranslations('insights');
  const format = useFormatter();
  const percent = (share: number) => format.number(share, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <div>
      <h3 className="text-base font-semibold">{t('byAgeTitle')}</h3>
      <ul
        className="mt-2 divide-y divide-slate-200 rounded-xl border border-slate-200"
        data-testid="insights-by-age"
      >
        {insights.repairsByAge.map((b) => (
          <li key={b.bucket} className="p-3">
            <p className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
              <span className="font-semibold text-slate-900">
                {t(`agesShort.${b.bucket}`)}
                {b.bucket === insights.currentAgeBucket ? (
                  <span className="ml-2 rounded-full bg-brand/10 px-2 py-0.5 text-xs font-semibold text-brand">
                    {t('thisAge')}
                  </span>
                ) : null}
              </span>
              <span className="text-slate-600">{t('bucketOrders', { orders: b.orders })}</span>
            </p>
            {b.enoughHistory ? (
              <ul className="mt-2 space-y-1.5">
                {b.top.slice(0, 3).map((r) => (
                  <li key={r.slug} className="text-sm">
                    <div className="flex justify-between gap-3">
                      <span className="min-w-0 break-words">{r.name}</span>
                      <span className="tabular-nums font-medium">{percent(r.share)}</span>
                    </div>
                    <div className="mt-1 h-1.5 rounded-full bg-slate-100" aria-hidden>
                      <div
                        className="h-1.5 rounded-full bg-brand"
                        style={{ width: `${Math.round(r.share * 100)}%` }}
                      />
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-slate-600">{t('bucketFew')}</p>
            )}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-600">{t('byAgeNote')}</p>
    </div>
  );
}
