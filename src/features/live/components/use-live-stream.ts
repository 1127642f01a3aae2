'use client';
import { useEffect, useRef, useState } from 'react';

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

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/** `url` with `lastEventId` set (the resume point when we open a new EventSource ourselves). */
export function withResumeId(url: string, lastEventId: string | null): string {
  if (!lastEventId) return url;
  const u = new URL(url, 'http://x');
  u.searchParams.set('lastEventId', lastEventId);
  return u.origin === 'http://x' ? `${u.pathname}${u.search}` : u.toString();
}

/** The delay before reopening a stream the browser gave up on, after `failures` attempts. */
export function backoffDelay(failures: number): number {
  return BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]!;
}

/**
 * Subscribes to a server-sent-events stream. EventSource reconnects by itself after a dropped
 * connection and sends Last-Event-ID, so nothing is lost; when it gives up (the server answered
 * an error, readyState CLOSED) the stream is reopened here with a growing delay and
 * `?lastEventId=` of the last event seen. While the tab is hidden the stream is closed, and
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
    let lastId: string | null = sinceRef.current != null ? String(sinceRef.current) : null;
    let disposed = false;
    let paused = false;

    const open = () => {
      if (disposed || paused) return;
      const es = new EventSource(withResumeId(url, lastId));
      source = es;
      es.onopen = () => {
        failures = 0;
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
        if (disposed) return;
        if (es.readyState === EventSource.CLOSED) {
          // the browser gave up (an error status, or not an event stream): try again later
          es.close();
          setStatus('reconnecting');
          retryTimer = setTimeout(open, backoffDelay(failures++));
        } else {
          // EventSource is reconnecting by itself, with Last-Event-ID
          setStatus('reconnecting');
        }
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
