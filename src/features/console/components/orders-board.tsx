import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useStatusLabel } from '@/features/repairs/components';
import type { RepairStatus } from '@/features/repairs';
import type { StaffOrderSummary } from '@/features/console/schemas';
import { OverdueBadge } from '@/features/repairs/components';

/** One column per status; scrolls sideways on narrow screens (and with the keyboard). */
export function OrdersBoard({
  items,
  statuses,
  now,
}: {
  items: StaffOrderSummary[];
  statuses: readonly RepairStatus[];
  now: Date;
}) {
  const t = useTranslations('staff');
  const statusLabel = useStatusLabel('staff');
  const format = useFormatter();
  const byStatus = new Map<RepairStatus, StaffOrderSummary[]>(statuses.map((s) => [s, []]));
  for (const o of items) byStatus.get(o.status)?.push(o);

  return (
    <div>
      <p className="mb-2 text-sm text-slate-600 lg:hidden">{t('board.hint')}</p>
      <div
        role="region"
        aria-label={t('board.label')}
        // focusable so keyboard users can scroll it sideways
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        className="relative -mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-4 lg:mx-0 lg:px-0"
        data-testid="orders-board"
      >
        {statuses.map((status) => {
          const column = byStatus.get(status) ?? [];
          const headingId = `board-${status}`;
          return (
            <section
              key={status}
              aria-labelledby={headingId}
              className="flex w-72 shrink-0 snap-start flex-col rounded-2xl border border-slate-200 bg-slate-100/70 p-3"
              data-testid={`board-column-${status}`}
            >
              <h2 id={headingId} className="flex items-center justify-between gap-2 px-1 font-semibold">
                <span>{statusLabel(status)}</span>
                <span className="rounded-full bg-white px-2 text-sm font-medium text-slate-700">
                  <span className="sr-only">{t('board.count', { count: column.length })}</span>
                  <span aria-hidden>{column.length}</span>
                </span>
              </h2>
              {column.length === 0 ? (
                <p className="mt-3 px-1 text-sm text-slate-600">{t('board.empty')}</p>
              ) : (
                <ul className="mt-3 space-y-2">
                  {column.map((o) => (
                    <li
                      key={o.id}
                      className={`rounded-xl border bg-white p-3 shadow-sm ${o.overdue ? 'border-red-400' : 'border-slate-200'}`}
                      data-testid={`board-card-${o.reference}`}
                    >
                      <div className="flex items-center justify-between gap-2">
                        <Link
                          href={`/staff/orders/${o.reference}`}
                          className="font-mono font-semibold text-brand underline-offset-4 hover:underline"
                        >
                          {o.reference}
                        </Link>
                        {o.overdue ? <OverdueBadge /> : null}
                      </div>
                      <p className="mt-1 text-sm font-medium">
                        {`${o.device.brandName} ${o.device.name}`.trim()}
                      </p>
                      <p className="text-sm text-slate-700">{o.customerName}</p>
                      <p className="mt-1 text-xs text-slate-600">
                        {o.assignedTechnician?.name ?? t('unassigned')} ·{' '}
                        {format.relativeTime(new Date(o.statusEnteredAt), now)}
                        {o.urgency !== 'standard' ? ` · ${t(`urgency.${o.urgency as 'express'}`)}` : ''}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
