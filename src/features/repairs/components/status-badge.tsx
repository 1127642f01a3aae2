import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';

const TONE: Record<string, string> = {
  awaiting_approval: 'bg-amber-100 text-amber-900',
  ready_for_collection: 'bg-emerald-100 text-emerald-900',
  collected: 'bg-slate-100 text-slate-800',
  cancelled: 'bg-red-100 text-red-900',
};

/** The order's status as a coloured pill (text, not colour alone, carries the meaning). */
export function StatusBadge({ status, className }: { status: string; className?: string }) {
  const t = useTranslations('status');
  return (
    <span
      className={cn(
        'inline-flex shrink-0 items-center rounded-full px-3 py-1 text-sm font-medium whitespace-nowrap',
        TONE[status] ?? 'bg-brand/10 text-brand',
        className,
      )}
      data-testid="status-badge"
      data-status={status}
    >
      {t.has(status) ? t(status) : status}
    </span>
  );
}
