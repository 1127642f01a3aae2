'use client';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import useSWRInfinite from 'swr/infinite';
import { readProblem } from '@/components/api-problem';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { RISK_DECISIONS, type SecurityEventView } from '../schemas';

interface Filters {
  q: string;
  decision: string;
  minScore: string;
}

const EMPTY: Filters = { q: '', decision: '', minScore: '' };
const PAGE = 50;
const OUTCOMES = [
  'signed_in',
  'two_factor',
  'two_factor_passed',
  'step_up_sent',
  'step_up_passed',
  'blocked',
] as const;

const TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

const DECISION_STYLE: Record<SecurityEventView['decision'], string> = {
  allow: 'bg-emerald-100 text-emerald-900',
  step_up: 'bg-amber-100 text-amber-900',
  block: 'bg-red-100 text-red-900',
};

type Page = { items: SecurityEventView[]; nextCursor: number | null };

/** The admin list of scored sign-ins, with the factors that made each score. */
export function SecurityEvents() {
  const t = useTranslations('securityEvents');
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const query = useMemo(() => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v.trim()) p.set(k, v.trim());
    return p.toString();
  }, [filters]);

  const { data, error, size, setSize, isLoading, isValidating } = useSWRInfinite(
    (index: number, previous: Page | null) => {
      if (previous && !previous.nextCursor) return null;
      const p = new URLSearchParams(query);
      p.set('limit', String(PAGE));
      if (previous?.nextCursor) p.set('before', String(previous.nextCursor));
      return `/api/admin/security-events?${p.toString()}`;
    },
    async (url: string) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) throw new Error((await readProblem(res)).detail);
      return (await res.json()) as Page;
    },
  );
  const items = data?.flatMap((d) => d.items) ?? [];
  const hasMore = !!data?.at(-1)?.nextCursor;
  const loadingMore = isValidating && size > (data?.length ?? 0);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const outcomeLabel = (o: string) =>
    (OUTCOMES as readonly string[]).includes(o) ? t(`outcomes.${o as (typeof OUTCOMES)[number]}`) : o;

  return (
    <div>
      <form
        role="search"
        aria-label={t('filters')}
        className="grid gap-3 rounded-2xl border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <div>
          <label htmlFor="sec-q" className="mb-1 block text-sm font-medium text-slate-700">
            {t('search')}
          </label>
          <Input id="sec-q" type="search" value={draft.q} onChange={set('q')} placeholder={t('searchHint')} />
        </div>
        <div>
          <label htmlFor="sec-decision" className="mb-1 block text-sm font-medium text-slate-700">
            {t('decision')}
          </label>
          <Select
            id="sec-decision"
            value={draft.decision}
            onChange={set('decision')}
            data-testid="sec-decision"
          >
            <option value="">{t('allDecisions')}</option>
            {RISK_DECISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`decisions.${d}`)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="sec-min" className="mb-1 block text-sm font-medium text-slate-700">
            {t('minScore')}
          </label>
          <Input
            id="sec-min"
            type="number"
            inputMode="numeric"
            min={0}
            max={1000}
            value={draft.minScore}
            onChange={set('minScore')}
          />
        </div>
        <div className="flex gap-2">
          <Button type="submit" data-testid="sec-apply">
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

      <p className="mt-4 text-sm text-slate-700" aria-live="polite">
        {data ? t('shown', { count: items.length }) : ''}
      </p>

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
          <table className="block w-full text-left text-sm md:table" data-testid="security-table">
            <caption className="sr-only">{t('caption')}</caption>
            <thead className="hidden bg-slate-50 text-slate-700 md:table-header-group">
              <tr>
                {(['time', 'user', 'from', 'score', 'factors', 'outcome'] as const).map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold">
                    {t(h)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="block divide-y divide-slate-100 md:table-row-group">
              {items.map((e) => (
                <tr
                  key={e.id}
                  data-testid="security-row"
                  data-decision={e.decision}
                  className="grid gap-1 p-3 md:table-row md:p-0 [&>td]:min-w-0 [&>td]:md:px-3 [&>td]:md:py-2 [&>td]:md:align-top"
                >
                  <td className="text-slate-700 md:whitespace-nowrap">
                    <time dateTime={e.occurredAt}>{TIME.format(new Date(e.occurredAt))}</time>
                  </td>
                  <td className="break-all font-medium text-slate-900">{e.email ?? e.userId}</td>
                  <td className="break-words text-slate-700 md:max-w-[14rem]">
                    <span className="md:hidden">{t('from')}: </span>
                    {e.ip ?? '–'}
                    {e.userAgent ? (
                      <span className="block truncate text-xs text-slate-600" title={e.userAgent}>
                        {e.userAgent}
                      </span>
                    ) : null}
                  </td>
                  <td className="md:whitespace-nowrap">
                    <span className="md:hidden">{t('score')}: </span>
                    <span className="font-semibold tabular-nums">{e.score}</span>{' '}
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-medium ${DECISION_STYLE[e.decision]}`}
                    >
                      {t(`decisions.${e.decision}`)}
                    </span>
                  </td>
                  <td className="text-slate-700">
                    {e.factors.length === 0 ? (
                      <span className="text-slate-600">{t('noFactors')}</span>
                    ) : (
                      <ul className="space-y-0.5" data-testid="security-factors">
                        {e.factors.map((f) => (
                          <li key={f.code}>
                            <span className="font-medium tabular-nums">+{f.points}</span> {f.detail}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="text-slate-700">
                    <span className="md:hidden">{t('outcome')}: </span>
                    {outcomeLabel(e.outcome)}
                  </td>
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
