'use client';
import { useEffect, useRef, useState } from 'react';
import { saverOn } from '@/components/device/saver';
import { reconnectDelay, STABLE_MS } from './backoff';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface LiveEvent {
  /** the SSE id (absent for signals and late rows) */
  id: string | null;
  data: Record<string, unknown>;
}

export interface UseLiveStreamOptions {
  onEvent: (event: LiveEvent) => void;
  /** resume point for the first connection (e.g. the last event id the page rendered) */
  since?: number | null;
  /** false: do not connect (yet) */
  enabled?: boolean;
  /**
   * Called when the stream opens again after the tab was hidden (streams are closed while
   * it is: a browser allows only six connections per host over HTTP/1.1, shared by all tabs).
   * Events after the last one seen are replayed; reload whatever else may have changed.
   */
  onResume?: () => void;
}

/** `url` with `lastEventId` set (the resume point when we open a new EventSource ourselves). */
export function withResumeId(url: string, lastEventId: string | null): string {
  if (!lastEventId) return url;
  const u = new URL(url, 'http://x');
  u.searchParams.set('lastEventId', lastEventId);
  return u.origin === 'http://x' ? `${u.pathname}${u.search}` : u.toString();
}

/**
 * Subscribes to a server-sent-events stream. When it drops (or the browser gives up on it), it
 * is closed and reopened here, from `?lastEventId=` of the last event seen so nothing is lost,
 * after a jittered, growing wait (backoff.ts): EventSource's own fixed-interval retry would bring
 * every page back in step after a server restart and keep hammering a server that is down. The
 * waits are longer while the battery saver is on. A stream that drops soon after opening keeps
 * counting failures (no open-drop-open storm). While the tab is hidden the stream is closed, and
 * reopened from the last event seen when it shows again.
 */
export function useLiveStream(
  url: string,
  { onEvent, since, enabled = true, onResume }: UseLiveStreamOptions,
) {
  const [status, setStatus] = useState<LiveStatus>(enabled ? 'connecting' : 'closed');
  const onEventRef = useRef(onEvent);
  const onResumeRef = useRef(onResume);
  const sinceRef = useRef(since);
  useEffect(() => {
    onEventRef.current = onEvent;
    onResumeRef.current = onResume;
  });

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let openedAt = 0;
    let lastId: string | null = sinceRef.current != null ? String(sinceRef.current) : null;
    let disposed = false;
    let paused = false;

    const open = () => {
      if (disposed || paused) return;
      const es = new EventSource(withResumeId(url, lastId));
      source = es;
      es.onopen = () => {
        openedAt = Date.now();
        setStatus('live');
      };
      es.onmessage = (e: MessageEvent<string>) => {
        if (e.lastEventId) lastId = e.lastEventId;
        let data: Record<string, unknown>;
        try {
          data = JSON.parse(e.data) as Record<string, unknown>;
        } catch {
          return;
        }
        onEventRef.current({ id: e.lastEventId || null, data });
      };
      es.onerror = () => {
        if (disposed || source !== es) return;
        // dropped, refused or not an event stream: we reopen it ourselves, later
        es.close();
        if (openedAt && Date.now() - openedAt >= STABLE_MS) failures = 0;
        openedAt = 0;
        setStatus('reconnecting');
        clearTimeout(retryTimer);
        retryTimer = setTimeout(open, reconnectDelay(failures++, { saving: saverOn() }));
      };
    };

    const reopenNow = () => {
      if (disposed || paused || !source || source.readyState !== EventSource.CLOSED) return;
      clearTimeout(retryTimer);
      open();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        if (paused) return;
        paused = true;
        clearTimeout(retryTimer);
        source?.close();
        source = null;
      } else if (paused) {
        paused = false;
        failures = 0;
        setStatus('connecting');
        open();
        onResumeRef.current?.();
      }
    };
    window.addEventListener('online', reopenNow);
    document.addEventListener('visibilitychange', onVisibility);
    if (document.visibilityState === 'hidden') paused = true;
    else open();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      window.removeEventListener('online', reopenNow);
      document.removeEventListener('visibilitychange', onVisibility);
      source?.close();
    };
  }, [url, enabled]);

  return { status: enabled ? status : ('closed' as const) };
}
