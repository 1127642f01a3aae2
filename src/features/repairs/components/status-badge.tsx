import { useTranslations } from 'next-intl';
import { AlertTriangle } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import type { RepairStatus } from '../state-machine';
import { useStatusLabel, type StatusAudience } from './status-label';

const TONES: Record<RepairStatus, string> = {
  booked: 'bg-slate-100 text-slate-800 ring-slate-300',
  received: 'bg-sky-50 text-sky-900 ring-sky-300',
  diagnosing: 'bg-indigo-50 text-indigo-900 ring-indigo-300',
  awaiting_approval: 'bg-amber-50 text-amber-900 ring-amber-300',
  repairing: 'bg-violet-50 text-violet-900 ring-violet-300',
  quality_check: 'bg-cyan-50 text-cyan-900 ring-cyan-300',
  ready_for_collection: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  collected: 'bg-green-100 text-green-900 ring-green-300',
  cancelled: 'bg-red-50 text-red-900 ring-red-300',
};

/**
 * An order's status as a coloured pill, for customers and staff alike (text, not colour alone,
 * carries the meaning; the wording suits the audience, e.g. "Awaiting your approval").
 */
export function StatusBadge({
  status,
  audience = 'customer',
  className,
}: {
  status: string;
  audience?: StatusAudience;
  className?: string;
}) {
  const label = useStatusLabel(audience);
  return (
    <span
      className={cn(
        'inline-flex shrink-0 items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset',
        TONES[status as RepairStatus] ?? 'bg-slate-100 text-slate-800 ring-slate-300',
        className,
      )}
      data-testid="status-badge"
      data-status={status}
    >
      {label(status)}
    </span>
  );
}

/** Marks an order past its status's time limit (staff). */
export function OverdueBadge({ className }: { className?: string }) {
  const t = useTranslations('staff');
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-red-600 px-2 py-0.5 text-xs font-semibold text-white',
        className,
      )}
    >
      <AlertTriangle className="size-3.5" aria-hidden />
      {t('overdue')}
    </span>
  );
}
