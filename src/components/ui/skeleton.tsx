import { cn } from './cn';

/** A placeholder block while content loads (hidden from screen readers; pair it with a live status). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn('animate-pulse rounded-lg bg-slate-200', className)} />;
}
