'use client';
/**
 * Pull to refresh for a server-rendered list on touch devices: pulled down at the top of the
 * page past a threshold and let go, the page's server components are fetched again
 * (`router.refresh()`, or the caller's own `onRefresh`) while a spinner shows; then "up to
 * date". The same refresh is a visible button for keyboards and screen readers. Nothing runs in
 * the background: it refreshes only when asked (so the battery saver has nothing to stop), and
 * with the saver on the spinner does not spin.
 */
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { RefreshCw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useSaver } from './saver';

/** How far (after damping) the page must be pulled to refresh on release. */
export const PULL_THRESHOLD_PX = 64;
const MAX_PULL_PX = 110;
const DONE_MS = 1_500;

export interface PullToRefreshLabels {
  /** the button's visible text */
  button: string;
  /** the button's accessible name */
  label: string;
  pull: string;
  release: string;
  refreshing: string;
  done: string;
}

type Phase = 'idle' | 'pulling' | 'ready' | 'refreshing' | 'done';

export function PullToRefresh({
  labels,
  onRefresh,
  className,
}: {
  labels: PullToRefreshLabels;
  /** what a refresh does (default: re-render the page's server components) */
  onRefresh?: () => Promise<unknown>;
  className?: string;
}) {
  const router = useRouter();
  const { on: saver } = useSaver();
  const [pending, startTransition] = useTransition();
  const [phase, setPhase] = useState<Phase>('idle');
  const [pull, setPull] = useState(0);
  const start = useRef<number | null>(null);
  const pulled = useRef(0);

  const refresh = useCallback(() => {
    setPhase('refreshing');
    if (onRefresh) {
      void onRefresh()
        .catch(() => undefined)
        .then(() => setPhase('done'));
    } else {
      startTransition(() => router.refresh());
    }
  }, [onRefresh, router]);

  // the router's refresh is over when its transition is
  useEffect(() => {
    if (!onRefresh && phase === 'refreshing' && !pending) {
      const t = window.setTimeout(() => setPhase((p) => (p === 'refreshing' ? 'done' : p)), 0);
      return () => window.clearTimeout(t);
    }
  }, [onRefresh, pending, phase]);
  useEffect(() => {
    if (phase !== 'done') return;
    const t = window.setTimeout(() => setPhase('idle'), DONE_MS);
    return () => window.clearTimeout(t);
  }, [phase]);

  useEffect(() => {
    // the browser's own pull-to-reload would reload the whole page instead
    const root = document.documentElement;
    const before = root.style.overscrollBehaviorY;
    root.style.overscrollBehaviorY = 'contain';
    const atTop = () => (document.scrollingElement?.scrollTop ?? window.scrollY) <= 0;
    const onStart = (e: TouchEvent) => {
      start.current = e.touches.length === 1 && atTop() ? e.touches[0]!.clientY : null;
      pulled.current = 0;
    };
    const onMove = (e: TouchEvent) => {
      if (start.current === null) return;
      const dy = e.touches[0]!.clientY - start.current;
      if (dy <= 0 || !atTop()) {
        pulled.current = 0;
        setPull(0);
        setPhase((p) => (p === 'pulling' || p === 'ready' ? 'idle' : p));
        return;
      }
      const distance = Math.min(MAX_PULL_PX, dy * 0.5);
      pulled.current = distance;
      setPull(distance);
      setPhase((p) => (p === 'refreshing' ? p : distance >= PULL_THRESHOLD_PX ? 'ready' : 'pulling'));
    };
    const onEnd = () => {
      if (start.current === null) return;
      start.current = null;
      const distance = pulled.current;
      pulled.current = 0;
      setPull(0);
      if (distance >= PULL_THRESHOLD_PX) refresh();
      else setPhase((p) => (p === 'pulling' || p === 'ready' ? 'idle' : p));
    };
    window.addEventListener('touchstart', onStart, { passive: true });
    window.addEventListener('touchmove', onMove, { passive: true });
    window.addEventListener('touchend', onEnd);
    window.addEventListener('touchcancel', onEnd);
    return () => {
      root.style.overscrollBehaviorY = before;
      window.removeEventListener('touchstart', onStart);
      window.removeEventListener('touchmove', onMove);
      window.removeEventListener('touchend', onEnd);
      window.removeEventListener('touchcancel', onEnd);
    };
  }, [refresh]);

  const busy = phase === 'refreshing';
  const shown = phase !== 'idle';
  const text =
    phase === 'ready'
      ? labels.release
      : phase === 'refreshing'
        ? labels.refreshing
        : phase === 'done'
          ? labels.done
          : labels.pull;
  return (
    <>
      <div
        aria-hidden
        className={cn(
          'pointer-events-none fixed inset-x-0 top-0 z-40 flex justify-center',
          !shown && 'invisible',
        )}
        style={{ transform: `translateY(${busy || phase === 'done' ? 16 : Math.max(0, pull - 24)}px)` }}
        data-testid="pull-indicator"
        data-phase={phase}
      >
        <span className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-md">
          <RefreshCw
            className={cn('size-4', busy && !saver && 'animate-spin')}
            style={busy ? undefined : { transform: `rotate(${pull * 3}deg)` }}
          />
          {text}
        </span>
      </div>
      <Button
        type="button"
        variant="secondary"
        size="sm"
        className={cn('min-h-11 min-w-11', className)}
        aria-label={labels.label}
        loading={busy}
        onClick={refresh}
        data-testid="refresh-button"
      >
        {busy ? null : <RefreshCw className="size-4" aria-hidden />}
        <span>{labels.button}</span>
      </Button>
      <span role="status" className="sr-only" data-testid="refresh-status">
        {phase === 'refreshing' ? labels.refreshing : phase === 'done' ? labels.done : ''}
      </span>
    </>
  );
}
