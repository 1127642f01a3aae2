import { cn } from '@/components/ui/cn';

/** An accessible progress bar (0..100); a cancelled repair shows an empty red track. */
export function RepairProgress({
  progress,
  label,
  cancelled = false,
  className,
}: {
  progress: number;
  /** the accessible name, e.g. "Progress of RT-4K7Q2Z" */
  label: string;
  cancelled?: boolean;
  className?: string;
}) {
  return (
    <div
      className={cn(
        'h-2 w-full overflow-hidden rounded-full',
        cancelled ? 'bg-red-100' : 'bg-slate-200',
        className,
      )}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={progress}
      data-testid="repair-progress"
    >
      <div className="h-full rounded-full bg-brand" style={{ width: `${progress}%` }} />
    </div>
  );
}
