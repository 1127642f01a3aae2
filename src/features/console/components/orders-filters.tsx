'use client';
import { useTranslations } from 'next-intl';
import { useStatusLabel } from '@/features/repairs/components';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { Search, X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { REPAIR_STATUSES } from '@/features/repairs';
import { consoleHref, type ConsoleFilters } from './console-href';

/** Filters and search; every change is a new URL (the server renders the list). */
export function OrdersFilters({
  filters,
  shops,
  technicians,
}: {
  filters: ConsoleFilters;
  shops: Array<{ slug: string; name: string }>;
  technicians: Array<{ id: string; name: string }>;
}) {
  const t = useTranslations('staff');
  const statusLabel = useStatusLabel('staff');
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(filters.q);
  const go = (patch: Partial<ConsoleFilters>) =>
    startTransition(() => router.push(consoleHref({ ...filters, q, ...patch }), { scroll: false }));
  const knownStatus =
    filters.status === 'active' ||
    filters.status === 'all' ||
    REPAIR_STATUSES.includes(filters.status as never);
  const dirty =
    filters.status !== 'active' ||
    !!filters.shop ||
    !!filters.technician ||
    !!filters.urgency ||
    filters.overdue ||
    !!filters.q;

  return (
    <section
      aria-label={t('filters.title')}
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: q.trim() });
        }}
      >
        <label htmlFor={`${id}-q`} className="sr-only">
          {t('filters.search')}
        </label>
        <div className="relative flex-1">
          <Search className="pointer-events-none absolute left-3 top-3 size-5 text-slate-500" aria-hidden />
          <Input
            id={`${id}-q`}
            type="search"
            className="pl-10"
            value={q}
            placeholder={t('filters.searchPlaceholder')}
            onChange={(e) => setQ(e.target.value)}
            data-testid="staff-search"
          />
        </div>
        <Button type="submit" data-testid="staff-search-submit">
          {t('filters.searchButton')}
        </Button>
      </form>
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 md:grid-cols-4 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto] lg:items-end">
        <div>
          <label htmlFor={`${id}-status`} className="mb-1 block text-sm font-medium text-slate-800">
            {t('filters.status')}
          </label>
          <Select
            id={`${id}-status`}
            value={filters.status}
            onChange={(e) => go({ status: e.target.value })}
            data-testid="filter-status"
          >
            <option value="active">{t('filters.statusActive')}</option>
            <option value="all">{t('filters.statusAll')}</option>
            {REPAIR_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
            {knownStatus ? null : <option value={filters.status}>{filters.status}</option>}
          </Select>
        </div>
        <div>
          <label htmlFor={`${id}-shop`} className="mb-1 block text-sm font-medium text-slate-800">
            {t('filters.shop')}
          </label>
          <Select id={`${id}-shop`} value={filters.shop} onChange={(e) => go({ shop: e.target.value })}>
            <option value="">{t('filters.allShops')}</option>
            {shops.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${id}-tech`} className="mb-1 block text-sm font-medium text-slate-800">
            {t('filters.technician')}
          </label>
          <Select
            id={`${id}-tech`}
            value={filters.technician}
            onChange={(e) => go({ technician: e.target.value })}
            data-testid="filter-technician"
          >
            <option value="">{t('filters.anyTechnician')}</option>
            <option value="me">{t('filters.mine')}</option>
            <option value="unassigned">{t('filters.unassigned')}</option>
            {technicians.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${id}-urgency`} className="mb-1 block text-sm font-medium text-slate-800">
            {t('filters.urgency')}
          </label>
          <Select
            id={`${id}-urgency`}
            value={filters.urgency}
            onChange={(e) => go({ urgency: e.target.value })}
          >
            <option value="">{t('filters.anyUrgency')}</option>
            {(['standard', 'express', 'same_day'] as const).map((u) => (
              <option key={u} value={u}>
                {t(`urgency.${u}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 md:col-span-4 lg:col-span-1">
          <label className="inline-flex h-11 items-center gap-2 font-medium text-slate-800">
            <input
              type="checkbox"
              className="size-5 accent-brand"
              checked={filters.overdue}
              onChange={(e) => go({ overdue: e.target.checked })}
              data-testid="filter-overdue"
            />
            {t('filters.overdue')}
          </label>
          {dirty ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setQ('');
                startTransition(() =>
                  router.push(
                    consoleHref({
                      view: filters.view,
                      status: 'active',
                      shop: '',
                      technician: '',
                      urgency: '',
                      overdue: false,
                      q: '',
                    }),
                  ),
                );
              }}
            >
              <X className="size-4" aria-hidden />
              {t('filters.clear')}
            </Button>
          ) : null}
        </div>
      </div>
      <p role="status" className="sr-only">
        {pending ? t('filters.updating') : ''}
      </p>
    </section>
  );
}
