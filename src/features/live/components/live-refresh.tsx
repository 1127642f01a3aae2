'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { broadcastLiveSignal } from './live-events';
import { useLiveStream } from './use-live-stream';

export interface LiveRefreshProps {
  /** the stream, e.g. `/api/track/RT-XXXXXX/live?token=…` or `/api/staff/live` */
  url: string;
  /** what is announced (politely, to screen readers) when an update arrives; default "Updated" */
  label?: string;
  /** the newest event id the page was rendered with: events after it refresh the page at once */
  since?: number | null;
  /** only events of these types (`data.type`, e.g. `status_changed`) refresh the page (default: all) */
  types?: string[];
  className?: string;
}

const DEBOUNCE_MS = 300;

/**
 * Keeps a server-rendered page current: every event on the stream re-renders the page's
 * server components (`router.refresh()`, debounced), with a small status pill and a polite
 * live-region announcement. Drop it into any page that shows live data. Every event is also
 * broadcast to the page's client components (useLiveSignal in live-events.ts).
 */
export function LiveRefresh({ url, label, since, types, className }: LiveRefreshProps) {
  const t = useTranslations('live');
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const [updates, setUpdates] = useState(0);

  const refreshSoon = (announce: boolean) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      // offline, a refresh's failed fetch makes Next load the page afresh (a full navigation),
      // which throws away what the page holds (an upload under way, a half-written note); the
      // stream replays what was missed once the connection is back, and refreshes then
      if (!navigator.onLine) return;
      router.refresh();
      if (announce) {
        setUpdates((n) => n + 1);
        setAnnouncement(label ?? t('updated'));
      }
    }, DEBOUNCE_MS);
  };
  const { status } = useLiveStream(url, {
    since,
    onEvent: ({ data }) => {
      // client components with their own data listen for these (useLiveSignal)
      broadcastLiveSignal({ kind: 'event', data });
      if (types && !(typeof data.type === 'string' && types.includes(data.type))) return;
      refreshSoon(true);
    },
    // back from a hidden tab: missed events are replayed, but refresh anyway (quietly)
    onResume: () => {
      broadcastLiveSignal({ kind: 'resume' });
      refreshSoon(false);
    },
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const live = status === 'live';
  return (
    <div className={cn('inline-flex items-center gap-2', className)}>
      <span
        data-testid="live-status"
        data-status={status}
        data-updates={updates}
        className={cn(
          'inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium',
          live
            ? 'border-emerald-200 bg-emerald-50 text-emerald-800'
            : 'border-amber-200 bg-amber-50 text-amber-900',
        )}
      >
        <span
          aria-hidden
          className={cn('size-2 rounded-full', live ? 'bg-emerald-600' : 'animate-pulse bg-amber-600')}
        />
        {live ? t('live') : status === 'reconnecting' ? t('reconnecting') : t('connecting')}
      </span>
      <span className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {/* the same text twice in a row is announced again because the key changes */}
        <span key={updates}>{announcement}</span>
      </span>
    </div>
  );
}
