'use client';
import { useEffect, useRef } from 'react';

/**
 * A page has one live stream (LiveRefresh: a browser allows only six connections per host over
 * HTTP/1.1, shared by every tab). It re-broadcasts what arrives as a window event, so client
 * components that keep their own data (SWR) can revalidate it without opening a second stream;
 * `router.refresh()` alone re-renders the server components only.
 */
const EVENT = 'revivatech:live';

export type LiveSignal =
  /** an event from the stream (`data.type` is e.g. `payment_received`) */
  | { kind: 'event'; data: Record<string, unknown> }
  /** the stream opened again after the tab was hidden: reload whatever may have changed */
  | { kind: 'resume' };

export function broadcastLiveSignal(signal: LiveSignal): void {
  window.dispatchEvent(new CustomEvent<LiveSignal>(EVENT, { detail: signal }));
}

/**
 * Calls `onChange` when the page's live stream reports an event of one of `types`, or resumes
 * after the tab was hidden.
 */
export function useLiveSignal(types: readonly string[], onChange: () => void): void {
  const handler = useRef(onChange);
  const wanted = useRef(types);
  useEffect(() => {
    handler.current = onChange;
    wanted.current = types;
  });
  useEffect(() => {
    const listener = (e: Event) => {
      const signal = (e as CustomEvent<LiveSignal>).detail;
      if (
        signal.kind === 'resume' ||
        (typeof signal.data.type === 'string' && wanted.current.includes(signal.data.type))
      ) {
        handler.current();
      }
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, []);
}
