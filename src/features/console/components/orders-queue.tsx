import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { formatMoney } from '@/features/pricing';
import type { StaffOrderSummary } from '@/features/console/schemas';
import { OverdueBadge, StatusBadge } from '@/features/repairs/components';
import type { StaffRole } from '@/features/repairs';
import { QueueCards } from './queue-cards';

/** The queue: a table on wide screens, a list of swipeable cards on phones. */
export function OrdersQueue({
  items,
  now,
  me,
}: {
  items: StaffOrderSummary[];
  now: Date;
  /** the signed-in staff member: what their swipes on the phone cards may do */
  me: { id: string; role: StaffRole };
}) {
  const t = useTranslations('staff');
  const format = useFormatter();
  const since = (iso: string) => format.relativeTime(new Date(iso), now);
  const total = (o: StaffOrderSummary) =>
    o.agreedTotalMinor === null ? '—' : formatMoney(o.agreedTotalMinor, o.currency);
  const device = (o: StaffOrderSummary) => `${o.device.brandName} ${o.device.name}`.trim();

  return (
    <>
      <div className="hidden overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm md:block">
        <table className="w-full text-left text-sm" data-testid="orders-table">
          <caption className="sr-only">{t('consoleTitle')}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">
                {t('columns.reference')}
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                {t('columns.device')}
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                {t('columns.customer')}
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                {t('columns.status')}
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                {t('columns.technician')}
              </th>
              <th scope="col" className="hidden px-4 py-3 font-semibold lg:table-cell">
                {t('columns.shop')}
              </th>
              <th scope="col" className="px-4 py-3 text-right font-semibold">
                {t('columns.total')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((o) => (
              <tr
                key={o.id}
                data-testid={`order-row-${o.reference}`}
                className={o.overdue ? 'bg-red-50/60' : undefined}
              >
                <td className="px-4 py-3 align-top">
                  <Link
                    href={`/staff/orders/${o.reference}`}
                    className="font-mono font-semibold text-brand underline-offset-4 hover:underline"
                  >
                    {o.reference}
                  </Link>
                  {o.urgency !== 'standard' ? (
                    <span className="mt-1 block text-xs font-semibold uppercase text-amber-800">
                      {t(`urgency.${o.urgency as 'express'}`)}
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-3 align-top">{device(o)}</td>
                <td className="px-4 py-3 align-top">{o.customerName}</td>
                <td className="px-4 py-3 align-top">
                  <div className="flex flex-wrap items-center gap-1.5">
                    <StatusBadge status={o.status} audience="staff" />
                    {o.overdue ? <OverdueBadge /> : null}
                  </div>
                  <span className="mt-1 block text-xs text-slate-600">
                    {t('since', { time: since(o.statusEnteredAt) })}
                  </span>
                </td>
                <td className="px-4 py-3 align-top">
                  {o.assignedTechnician?.name ?? <span className="text-slate-600">{t('unassigned')}</span>}
                </td>
                <td className="hidden px-4 py-3 align-top lg:table-cell">
                  {o.shop?.name ?? t(`service.${o.serviceType}`)}
                </td>
                <td className="px-4 py-3 text-right align-top tabular-nums">{total(o)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <QueueCards items={items} now={now} me={me} />
    </>
  );
}
