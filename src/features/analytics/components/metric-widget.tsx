'use client';
import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { ArrowDown, ArrowUp, BarChart3, Maximize2, Minimize2, Table2, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import type { Widget as DashboardWidget } from '../schemas';
import type { MetricId, MetricResult } from '../metrics';
import { MetricCards } from './metric-cards';
import { MetricTable } from './metric-table';
import { useMetricLabels } from './labels';
import { useMetric, type AnalyticsFilters } from './use-metric';

// Recharts only in this page's bundle, and only in the browser
const MetricChart = dynamic(() => import('./metric-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-56 w-full" />,
});

/** Phones: fewer ticks, smaller charts. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia('(max-width: 639px)');
    const update = () => setNarrow(mq.matches);
    update();
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, []);
  return narrow;
}

function isEmpty(r: MetricResult): boolean {
  return r.table.rows.length === 0 && r.cards.every((c) => c.value === null);
}

/** The body of a metric: cards, chart or table, notes and recommendations in words. */
export function MetricBody({ result: raw, view }: { result: MetricResult; view: 'chart' | 'table' }) {
  const t = useTranslations('analytics.dashboard');
  const labels = useMetricLabels();
  const result = labels.withValueLabels(raw);
  const narrow = useNarrow();
  if (isEmpty(result)) return <p className="text-slate-600">{t('empty')}</p>;
  const title = labels.title(result.metric);
  const column = (key: string) => labels.column(result.metric, key);
  return (
    <div className="space-y-3">
      <MetricCards result={result} />
      {result.table.rows.length > 0 ? (
        view === 'chart' && result.chart ? (
          <MetricChart
            result={result}
            label={column}
            narrow={narrow}
            summary={t('chartSummary', { title })}
          />
        ) : (
          <MetricTable result={result} caption={t('tableCaption', { title })} columnLabel={column} />
        )
      ) : null}
      {result.notes.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {result.notes.map((n) => (
            <li key={n}>{labels.note(n)}</li>
          ))}
        </ul>
      ) : null}
      {result.recommendations?.length ? (
        <ul className="space-y-2">
          {result.recommendations.map((r, i) => (
            <li key={`${r.key}-${i}`} className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm">
              <p className="font-medium">{labels.recommendation(r)}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function MetricWidget({
  widget,
  filters,
  first,
  last,
  onChange,
  onMove,
  onRemove,
  onLoaded,
}: {
  widget: DashboardWidget;
  filters: AnalyticsFilters;
  first: boolean;
  last: boolean;
  onChange: (w: DashboardWidget) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onLoaded: () => void;
}) {
  const t = useTranslations('analytics.dashboard');
  const labels = useMetricLabels();
  const metric = widget.metric as MetricId;
  const { data, error, isLoading, mutate } = useMetric(metric, filters, onLoaded);
  const [confirming, setConfirming] = useState(false);
  const title = labels.title(metric);
  const headingId = `widget-${widget.id}-title`;
  const iconButton = 'size-11 p-0';
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`widget-${widget.metric}`}
      className={`min-w-0 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm ${widget.size === 'wide' ? 'md:col-span-2' : ''}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={headingId} className="text-lg font-semibold">
            {title}
          </h2>
          {labels.description(metric) ? (
            <p className="text-sm text-slate-600">{labels.description(metric)}</p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-1">
          <Button
            variant="ghost"
            className={iconButton}
            aria-pressed={widget.view === 'table'}
            aria-label={widget.view === 'table' ? t('showChart', { title }) : t('showTable', { title })}
            onClick={() => onChange({ ...widget, view: widget.view === 'table' ? 'chart' : 'table' })}
          >
            {widget.view === 'table' ? (
              <BarChart3 className="size-5" aria-hidden />
            ) : (
              <Table2 className="size-5" aria-hidden />
            )}
          </Button>
          <Button
            variant="ghost"
            className={`${iconButton} hidden md:inline-flex`}
            aria-label={widget.size === 'wide' ? t('makeSmall', { title }) : t('makeWide', { title })}
            onClick={() => onChange({ ...widget, size: widget.size === 'wide' ? 'small' : 'wide' })}
          >
            {widget.size === 'wide' ? (
              <Minimize2 className="size-5" aria-hidden />
            ) : (
              <Maximize2 className="size-5" aria-hidden />
            )}
          </Button>
          <Button
            variant="ghost"
            className={iconButton}
            aria-label={t('moveUp', { title })}
            disabled={first}
            onClick={() => onMove(-1)}
          >
            <ArrowUp className="size-5" aria-hidden />
          </Button>
          <Button
            variant="ghost"
            className={iconButton}
            aria-label={t('moveDown', { title })}
            disabled={last}
            onClick={() => onMove(1)}
          >
            <ArrowDown className="size-5" aria-hidden />
          </Button>
          <Button
            variant="ghost"
            className={iconButton}
            aria-label={t('remove', { title })}
            onClick={() => setConfirming(true)}
          >
            <Trash2 className="size-5" aria-hidden />
          </Button>
        </div>
      </div>
      {confirming ? (
        <div
          role="alertdialog"
          aria-label={t('removeConfirm', { title })}
          className="mt-3 flex flex-wrap items-center gap-2 rounded-lg bg-slate-50 p-3"
        >
          <p className="text-sm">{t('removeConfirm', { title })}</p>
          <Button variant="danger" size="sm" onClick={onRemove}>
            {t('removeYes')}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </Button>
        </div>
      ) : null}
      <div className="mt-3" aria-busy={isLoading}>
        {data ? (
          <MetricBody result={data} view={widget.view} />
        ) : error ? (
          <div role="alert" className="space-y-2">
            <p className="text-red-700">{t('error')}</p>
            <Button variant="secondary" size="sm" onClick={() => void mutate()}>
              {t('retry')}
            </Button>
          </div>
        ) : (
          <div className="space-y-2" data-testid="widget-loading">
            <Skeleton className="h-6 w-1/2" />
            <Skeleton className="h-40 w-full" />
          </div>
        )}
      </div>
    </section>
  );
}
