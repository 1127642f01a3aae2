/**
 * The browser's event tracker: events wait in memory and go to POST /api/analytics/events in
 * batches, every 10 s or once 20 wait (fetch with keepalive), and all at once when the page is
 * hidden or left (navigator.sendBeacon, which outlives the page). Nothing is sent, or kept, when
 * the browser says Do Not Track or Global Privacy Control, or when ANALYTICS_MODE is off. No
 * cookies: in `on` mode the visit id lives in sessionStorage (this tab, until it closes); in
 * `cookieless` mode it lives in memory only (a new id on every page load).
 *
 * The queue logic (`Tracker`) takes its surroundings as arguments, so unit tests drive it
 * without a browser; `tracker()` is the page's one instance.
 */
import {
  EVENTS_PATH,
  MAX_BATCH_BYTES,
  type AnalyticsMode,
  type EventName,
  type EventProps,
  type TrackedEvent,
} from '../tracking';

export const FLUSH_INTERVAL_MS = 10_000;
export const FLUSH_AT = 20;
/** Events kept while the server cannot be reached (older ones are dropped first). */
export const MAX_QUEUED = 200;
const VISIT_KEY = 'rt-visit';

export interface TrackerDeps {
  /** POST a batch with fetch (keepalive); resolves false when it was not accepted */
  post(body: string): Promise<boolean>;
  /** hand a batch to navigator.sendBeacon; false when the browser refused it */
  beacon(body: string): boolean;
  now(): Date;
  visitId(): string;
  path(): string;
}

export class Tracker {
  private queue: TrackedEvent[] = [];
  /** null until the page says which mode it runs in (events wait until then) */
  private enabled: boolean | null = null;

  constructor(private readonly deps: TrackerDeps) {}

  /** Turns tracking on (events waiting are kept) or off (they are dropped, and so is every later one). */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) {
      this.queue = [];
      return;
    }
    // events recorded before the mode was known get their visit id now (no storage touched before)
    for (const event of this.queue) if (!event.visitId) event.visitId = this.deps.visitId();
  }

  get pending(): readonly TrackedEvent[] {
    return this.queue;
  }

  track<N extends EventName>(name: N, props?: EventProps[N], path?: string): void {
    if (this.enabled === false) return;
    const event: TrackedEvent = {
      name,
      visitId: this.enabled ? this.deps.visitId() : '',
      path: path ?? this.deps.path(),
      occurredAt: this.deps.now().toISOString(),
    };
    if (props && Object.keys(props).length > 0) event.props = props as Record<string, string | null>;
    this.queue.push(event);
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
    if (this.enabled && this.queue.length >= FLUSH_AT) void this.flush();
  }

  /** Sends what waits, in batches of at most FLUSH_AT events and 16 KB; `beacon` on page hide. */
  flush(how: 'fetch' | 'beacon' = 'fetch'): Promise<void> {
    if (!this.enabled || this.queue.length === 0) return Promise.resolve();
    const sends: Promise<void>[] = [];
    for (const batch of batchesOf(this.queue.splice(0))) {
      const body = JSON.stringify({ events: batch });
      if (how === 'beacon' && this.deps.beacon(body)) continue;
      sends.push(
        this.deps.post(body).then(
          (ok) => void (ok || this.requeue(batch)),
          () => this.requeue(batch),
        ),
      );
    }
    return Promise.all(sends).then(() => undefined);
  }

  /** A batch that did not go (offline, a 5xx): back at the front, tried with the next flush. */
  private requeue(batch: TrackedEvent[]): void {
    if (!this.enabled) return;
    this.queue.unshift(...batch);
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
  }
}

/** Splits events into batches of at most FLUSH_AT events whose JSON stays under the API's cap. */
export function batchesOf(events: TrackedEvent[]): TrackedEvent[][] {
  const batches: TrackedEvent[][] = [];
  let current: TrackedEvent[] = [];
  let bytes = 16; // {"events":[]}
  for (const event of events) {
    const size = new TextEncoder().encode(JSON.stringify(event)).length + 1;
    if (current.length > 0 && (current.length >= FLUSH_AT || bytes + size > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 16;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The browser asked not to be tracked (Do Not Track or Global Privacy Control). */
export function privacySignal(nav: { doNotTrack?: string | null; globalPrivacyControl?: boolean }): boolean {
  return nav.doNotTrack === '1' || nav.globalPrivacyControl === true;
}

/** A random id of 22 url-safe characters. */
export function randomVisitId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

let memoryVisit: string | null = null;
let mode: AnalyticsMode = 'on';

/** This visit's id: sessionStorage in `on` mode (memory when storage is refused), memory in `cookieless`. */
function currentVisitId(): string {
  if (mode === 'on') {
    try {
      let id = sessionStorage.getItem(VISIT_KEY);
      if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
        id = randomVisitId();
        sessionStorage.setItem(VISIT_KEY, id);
      }
      return id;
    } catch {
      // storage refused: fall through to memory
    }
  }
  return (memoryVisit ??= randomVisitId());
}

function browserDeps(): TrackerDeps {
  return {
    post: (body) =>
      fetch(EVENTS_PATH, {
        method: 'POST',
        keepalive: true,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body,
      }).then(
        (res) => res.status < 500,
        () => false,
      ),
    beacon: (body) =>
      typeof navigator.sendBeacon === 'function' &&
      navigator.sendBeacon(EVENTS_PATH, new Blob([body], { type: 'application/json' })),
    now: () => new Date(),
    visitId: currentVisitId,
    path: () => window.location.pathname,
  };
}

let instance: Tracker | null = null;

/** The page's tracker (made on first use; events wait until `configureTracker`). */
export function tracker(): Tracker {
  return (instance ??= new Tracker(browserDeps()));
}

/** Called once by the layout's provider with the server's ANALYTICS_MODE. */
export function configureTracker(analyticsMode: AnalyticsMode): Tracker {
  mode = analyticsMode;
  const t = tracker();
  t.setEnabled(
    analyticsMode !== 'off' && !privacySignal(navigator as Navigator & { globalPrivacyControl?: boolean }),
  );
  return t;
}

/** Records one event (best effort: never throws, never disturbs the page). */
export function track<N extends EventName>(name: N, props?: EventProps[N]): void {
  if (typeof window === 'undefined') return;
  try {
    tracker().track(name, props);
  } catch {
    // a lost analytics event must never break the page
  }
}
