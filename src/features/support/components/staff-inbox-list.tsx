import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cn } from '@/components/ui/cn';
import type { StaffConversationSummary } from '../schemas';

export const INBOX_FILTERS = ['waiting_staff', 'open', 'closed', 'all'] as const;
export type InboxFilterKey = (typeof INBOX_FILTERS)[number];

/** The console's list of conversations handed over by the assistant, with a filter by status. */
export async function StaffInboxList({
  items,
  filter,
  selectedId,
}: {
  items: StaffConversationSummary[];
  filter: InboxFilterKey;
  selectedId: string | null;
}) {
  const t = await getTranslations('staffSupport');
  const format = await getFormatter();
  const href = (q: { status?: string; c?: string }) => {
    const params = new URLSearchParams();
    if (q.status && q.status !== 'waiting_staff') params.set('status', q.status);
    if (q.c) params.set('c', q.c);
    const s = params.toString();
    return s ? `/staff/support?${s}` : '/staff/support';
  };
  return (
    <div>
      <nav aria-label={t('filterLabel')}>
        <ul className="flex flex-wrap gap-2">
          {INBOX_FILTERS.map((f) => (
            <li key={f}>
              <Link
                href={href({ status: f })}
                aria-current={f === filter ? 'page' : undefined}
                className={cn(
                  'inline-flex min-h-11 min-w-11 items-center justify-center rounded-full border px-3 text-sm font-medium md:min-h-9',
                  f === filter
                    ? 'border-brand bg-brand text-brand-fg'
                    : 'border-slate-300 bg-white text-slate-800',
                )}
              >
                {t(`filter.${f}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <p
          className="mt-4 rounded-xl border border-dashed border-slate-300 p-6 text-center text-slate-700"
          data-testid="staff-support-empty"
        >
          {t(`empty.${filter}`)}
        </p>
      ) : (
        <ul className="mt-4 space-y-2" data-testid="staff-support-list">
          {items.map((c) => (
            <li key={c.id}>
              <Link
                href={href({ status: filter, c: c.id })}
                aria-current={c.id === selectedId ? 'true' : undefined}
                data-testid="staff-support-item"
                data-conversation={c.id}
                className={cn(
                  'block rounded-xl border bg-white p-3 hover:border-brand',
                  c.id === selectedId ? 'border-brand ring-2 ring-brand/30' : 'border-slate-200',
                )}
              >
                <span className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold text-slate-900">
                    {c.customerName ?? c.contactEmail ?? t('visitor')}
                  </span>
                  <time dateTime={c.lastMessageAt} className="text-xs text-slate-600">
                    {format.relativeTime(new Date(c.lastMessageAt))}
                  </time>
                </span>
                <span className="mt-1 block line-clamp-2 text-sm text-slate-700">{c.preview}</span>
                <span className="mt-1 flex flex-wrap gap-2 text-xs">
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-800">
                    {t(`status.${c.status}`)}
                  </span>
                  {c.handoverReason ? (
                    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">
                      {t(`reason.${c.handoverReason}`)}
                    </span>
                  ) : null}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
