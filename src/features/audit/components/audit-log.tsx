'use client';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import useSWRInfinite from 'swr/infinite';
import { Download } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { AUDIT_EVENT_TYPES } from '../types';
import type { AuditEventView } from '../schemas';

interface Filters {
  type: string;
  actor: string;
  q: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { type: '', actor: '', q: '', from: '', to: '' };
const PAGE = 50;

const TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'Europe/London',
});

function paramsOf(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim()) p.set(k, v.trim());
  return p;
}

/** One line of the details, without the noise: key: value pairs. */
function summary(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

export function AuditLog() {
  const t = useTranslations('audit');
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const query = useMemo(() => paramsOf(filters).toString(), [filters]);

  const { data, error, size, setSize, isLoading, isValidating } = useSWRInfinite(
    (index: number, previous: { items: AuditEventView[]; nextCursor: number | null } | null) => {
      if (previous && !previous.nextCursor) return null;
      const p = new URLSearchParams(query);
      p.set('limit', String(PAGE));
      if (previous?.nextCursor) p.set('before', String(previous.nextCursor));
      return `/api/admin/audit?${p.toString()}`;
    },
    async (url: string) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) throw new Error((await readProblem(res)).detail);
      return (await res.json()) as { items: AuditEventView[]; nextCursor: number | null };
    },
  );
  const items = data?.flatMap((d) => d.items) ?? [];
  const hasMore = !!data?.at(-1)?.nextCursor;
  const loadingMore = isValidating && size > (data?.length ?? 0);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const exportHref = `/api/admin/audit/export.csv${query ? `?${query}` : ''}`;

  return (
    <div>
      <form
        role="search"
        aria-label={t('filters')}
        className="grid gap-3 rounded-2xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <div>
          <label htmlFor="audit-type" className="mb-1 block text-sm font-medium text-slate-700">
            {t('type')}
          </label>
          <Select id="audit-type" value={draft.type} onChange={set('type')} data-testid="audit-type">
            <option value="">{t('allTypes')}</option>
            {AUDIT_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`types.${type}`)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="audit-actor" className="mb-1 block text-sm font-medium text-slate-700">
            {t('actor')}
          </label>
          <Input id="audit-actor" value={draft.actor} onChange={set('actor')} placeholder={t('actorHint')} />
        </div>
        <div>
          <label htmlFor="audit-q" className="mb-1 block text-sm font-medium text-slate-700">
            {t('search')}
          </label>
          <Input
            id="audit-q"
            type="search"
            value={draft.q}
            onChange={set('q')}
            placeholder={t('searchHint')}
          />
        </div>
        <div>
          <label htmlFor="audit-from" className="mb-1 block text-sm font-medium text-slate-700">
            {t('from')}
          </label>
          <Input id="audit-from" type="date" value={draft.from} onChange={set('from')} />
        </div>
        <div>
          <label htmlFor="audit-to" className="mb-1 block text-sm font-medium text-slate-700">
            {t('to')}
          </label>
          <Input id="audit-to" type="date" value={draft.to} onChange={set('to')} />
        </div>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-1">
          <Button type="submit" data-testid="audit-apply">
            {t('apply')}
          </Button>
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            {t('clear')}
          </Button>
        </div>
      </form>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" aria-live="polite">
          {data ? t('shown', { count: items.length }) : ''}
        </p>
        <Button asChild variant="secondary" size="sm">
          <a href={exportHref} download data-testid="audit-export">
            <Download className="size-4" aria-hidden />
            {t('export')}
          </a>
        </Button>
      </div>

      {error ? (
        <p role="alert" className="mt-4 text-red-800">
          {error instanceof Error && error.message ? error.message : t('loadError')}
        </p>
      ) : isLoading || !data ? (
        <div className="mt-4 space-y-2" aria-busy="true" aria-label={t('loading')}>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-12" />
          ))}
        </div>
      ) : items.length === 0 ? (
        <p className="mt-4 rounded-2xl border border-dashed border-slate-300 p-6 text-center text-slate-700">
          {t('empty')}
        </p>
      ) : (
        <div className="mt-4 overflow-hidden rounded-2xl border border-slate-200 bg-white">
          <table className="block w-full text-left text-sm md:table" data-testid="audit-table">
            <caption className="sr-only">{t('caption')}</caption>
            <thead className="hidden bg-slate-50 text-slate-700 md:table-header-group">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t('time')}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t('type')}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t('actor')}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t('target')}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t('ip')}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t('details')}
                </th>
              </tr>
            </thead>
            <tbody className="block divide-y divide-slate-100 md:table-row-group">
              {items.map((e) => (
                <tr
                  key={e.id}
                  data-testid="audit-row"
                  data-type={e.type}
                  className="grid gap-1 p-3 md:table-row md:p-0 [&>td]:min-w-0 [&>td]:max-md:empty:hidden [&>td]:md:px-3 [&>td]:md:py-2 [&>td]:md:align-top"
                >
                  <td className="text-slate-700 md:whitespace-nowrap">
                    <time dateTime={e.occurredAt}>{TIME.format(new Date(e.occurredAt))}</time>
                  </td>
                  <td className="font-medium text-slate-900">
                    {(AUDIT_EVENT_TYPES as readonly string[]).includes(e.type)
                      ? t(`types.${e.type as (typeof AUDIT_EVENT_TYPES)[number]}`)
                      : e.type}
                  </td>
                  <td className="break-all text-slate-700">
                    <span className="md:hidden">{t('actor')}: </span>
                    {e.actorEmail ?? (e.actorUserId ? e.actorUserId : t('nobody'))}
                    {e.actorRole ? <span className="text-slate-600"> ({e.actorRole})</span> : null}
                  </td>
                  <td className="break-all text-slate-700">
                    {e.targetType ? (
                      <>
                        <span className="md:hidden">{t('target')}: </span>
                        {e.targetType} {e.targetId}
                      </>
                    ) : null}
                  </td>
                  <td className="text-slate-700 md:whitespace-nowrap">
                    {e.ip ? (
                      <>
                        <span className="md:hidden">{t('ip')}: </span>
                        {e.ip}
                      </>
                    ) : null}
                  </td>
                  <td className="break-words text-slate-600 md:max-w-xs">{summary(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasMore ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" loading={loadingMore} onClick={() => void setSize(size + 1)}>
            {t('loadMore')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
