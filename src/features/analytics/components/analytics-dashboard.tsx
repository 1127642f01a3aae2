'use client';
/**
 * /admin/analytics: the filters (range, comparison, shop), the KPI cards of revenueSummary and
 * queue, and the user's own widgets (added, removed, moved, sized, chart or table), saved to the
 * server at once (optimistic; rolled back with a message when the save fails or was overtaken).
 * Every figure refreshes each minute and on focus, paused while the tab is hidden.
 */
import { useCallback, useRef, useState } from 'react';
import useSWR from 'swr';
import { useTranslations } from 'next-intl';
import { Plus } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import type { MetricId } from '../metrics';
import type { Dashboard, Widget } from '../schemas';
import { AddWidgetDialog } from './add-widget-dialog';
import { ExportMenu } from './export-menu';
import { FilterBar, type FilterState, type ShopOption } from './filter-bar';
import { MetricCards } from './metric-cards';
import { MetricWidget } from './metric-widget';
import { ApiError, fetchJson, queryString, useMetric, type AnalyticsFilters } from './use-metric';

/** A fresh widget id (unique within the dashboard). */
function newWidgetId(): string {
  // randomUUID needs a secure context: a shop's LAN address over plain http has none
  const random =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now()}${Math.random()}`.replace('.', '');
  return `w-${random.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}`;
}

export type { ShopOption };

function Kpis({
  metric,
  filters,
  onLoaded,
}: {
  metric: MetricId;
  filters: AnalyticsFilters;
  onLoaded: () => void;
}) {
  const { data } = useMetric(metric, filters, onLoaded);
  if (!data) return <Skeleton className="h-24 w-full" />;
  return <MetricCards result={data} />;
}

export function AnalyticsDashboard({
  shops,
  fixedShop,
}: {
  shops: ShopOption[];
  fixedShop: ShopOption | null;
}) {
  const t = useTranslations('analytics.dashboard');
  const toast = useToast();
  const [state, setState] = useState<FilterState>({
    preset: '30d',
    compare: 'previous',
    shop: fixedShop?.slug ?? 'all',
  });
  const filters: AnalyticsFilters = {
    from: state.from,
    to: state.to,
    compare: state.compare,
    shop: fixedShop ? fixedShop.slug : state.shop,
  };
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const loaded = useCallback(() => setUpdatedAt(new Date()), []);
  const [adding, setAdding] = useState(false);

  const {
    data: dashboard,
    mutate,
    error,
  } = useSWR<Dashboard>('/api/analytics/dashboard', fetchJson, {
    revalidateOnFocus: false,
  });
  const version = useRef<number | null>(null);
  const queue = useRef(Promise.resolve());

  /** Shows `widgets` at once and saves them; saves run one after another on the latest version. */
  const save = (widgets: Widget[]) => {
    const before = dashboard;
    void mutate({ widgets, version: before?.version ?? 0 }, { revalidate: false });
    queue.current = queue.current.then(async () => {
      version.current ??= before?.version ?? 0;
      try {
        const saved = await fetchJson<Dashboard>('/api/analytics/dashboard', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ widgets, version: version.current }),
        });
        version.current = saved.version;
        void mutate(saved, { revalidate: false });
      } catch (err) {
        const conflict = err instanceof ApiError && err.status === 409;
        toast({ tone: 'error', title: conflict ? t('saveConflict') : t('saveFailed') });
        version.current = null;
        if (conflict) void mutate();
        else void mutate(before, { revalidate: false });
      }
    });
  };

  const widgets = dashboard?.widgets ?? [];
  const add = (metric: MetricId) => {
    setAdding(false);
    if (widgets.length >= 24) {
      toast({ tone: 'error', title: t('tooMany') });
      return;
    }
    save([...widgets, { id: newWidgetId(), metric, view: 'chart', size: 'small' }]);
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...widgets];
    const [w] = next.splice(i, 1);
    next.splice(i + by, 0, w!);
    save(next);
  };

  return (
    <div className="space-y-6">
      <FilterBar state={state} onChange={setState} shops={shops} fixedShop={fixedShop} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" data-testid="updated-at">
          {updatedAt ? t('updated', { time: updatedAt }) : t('loading')}
        </p>
        <div className="flex flex-wrap gap-2" data-slot="analytics-exports">
          <ExportMenu
            query={new URLSearchParams(queryString(filters))}
            metrics={widgets.map((w) => w.metric)}
          />
          <Button onClick={() => setAdding(true)} data-testid="add-widget">
            <Plus className="size-5" aria-hidden />
            {t('add')}
          </Button>
        </div>
      </div>
      <section aria-label={t('kpis')} className="grid gap-3 lg:grid-cols-2">
        <Kpis metric="revenueSummary" filters={filters} onLoaded={loaded} />
        <Kpis metric="queue" filters={filters} onLoaded={loaded} />
      </section>
      {error ? (
        <p role="alert" className="text-red-700">
          {t('dashboardError')}
        </p>
      ) : !dashboard ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Skeleton className="h-64 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      ) : widgets.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-slate-600">
          {t('noWidgets')}
        </p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2" data-testid="widgets">
          {widgets.map((w, i) => (
            <MetricWidget
              key={w.id}
              widget={w}
              filters={filters}
              first={i === 0}
              last={i === widgets.length - 1}
              onChange={(nw) => save(widgets.map((x) => (x.id === w.id ? nw : x)))}
              onMove={(by) => move(i, by)}
              onRemove={() => save(widgets.filter((x) => x.id !== w.id))}
              onLoaded={loaded}
            />
          ))}
        </div>
      )}
      <AddWidgetDialog open={adding} onOpenChange={setAdding} onAdd={add} />
    </div>
  );
}
