'use client';
import { useTranslations } from 'next-intl';
import { useOutboxItems, type OutboxItem } from '@/features/offline/components';
import type { RepairStatus } from '@/features/repairs';
import { useStatusLabel } from '@/features/repairs/components';
import { changeKind, isPending, itemTargetStatus } from './console-outbox';

/** The changes of one order that wait on this device (oldest first). */
export function useOrderPending(orderId: string): OutboxItem[] {
  const items = useOutboxItems('console');
  return (items ?? []).filter((i) => i.scope === orderId);
}

/** The status the order will have once its waiting changes are sent, or null. */
export function pendingStatus(items: OutboxItem[]): RepairStatus | null {
  let status: RepairStatus | null = null;
  for (const item of items) if (isPending(item)) status = itemTargetStatus(item) ?? status;
  return status;
}

/** Beside the order's status: where waiting changes will move it ("→ Diagnosing, waiting"). */
export function PendingStatusBadge({ orderId }: { orderId: string }) {
  const t = useTranslations('staff.offline');
  const statusLabel = useStatusLabel('staff');
  const status = pendingStatus(useOrderPending(orderId));
  if (!status) return null;
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full border border-dashed border-amber-500 bg-amber-50 px-2.5 py-0.5 text-sm font-semibold text-amber-950"
      data-testid="pending-status"
      data-status={status}
    >
      {t('pendingStatus', { status: statusLabel(status) })}
      <span className="rounded bg-amber-200 px-1.5 text-xs uppercase tracking-wide">{t('waitingBadge')}</span>
    </span>
  );
}

/** The order's waiting changes, each marked "waiting" (or conflict / refused). */
export function OrderPendingChanges({ orderId, kinds }: { orderId: string; kinds?: string[] }) {
  const t = useTranslations('staff.offline');
  const items = useOrderPending(orderId).filter((i) => !kinds || kinds.includes(changeKind(i)));
  if (items.length === 0) return null;
  return (
    <div
      className="mt-3 rounded-lg border border-dashed border-amber-400 bg-amber-50 p-3"
      data-testid="order-pending"
    >
      <p className="text-sm font-semibold text-amber-950">{t('pendingTitle')}</p>
      <ul className="mt-1 space-y-1 text-sm">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-2" data-testid="order-pending-item">
            <span className="rounded bg-amber-200 px-1.5 text-xs font-semibold uppercase tracking-wide text-amber-950">
              {item.state === 'waiting' ? t('waitingBadge') : t(`state.${item.state}`)}
            </span>
            <span className="break-words text-slate-900">{item.label}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
