/// <reference lib="webworker" />
/**
 * The service worker's push handlers (registered by src/app/sw.ts). On `push`: show the
 * notification the server sent (src/features/notifications/server/push builds the payload) and
 * report it delivered. On `notificationclick`: report the click, then focus a window already on
 * the link or open one, and tell the analytics tracker (a `push_click` event). Receipts go to POST /api/notifications/push/receipts; they need no
 * session (the delivery id is the capability), and a failed receipt never stops the
 * notification or the click.
 */
import type { PushPayload } from '../push-schemas';

/** What the server sends (the Push API contract), decrypted by the browser. */
export type { PushPayload };

/** What the notification keeps for the click (`notification.data`). */
export interface NotificationData {
  url: string;
  deliveryId: string | null;
  kind: string;
  actionUrls: Record<string, string>;
}

export const RECEIPTS_PATH = '/api/notifications/push/receipts';
/** The analytics tracker's route (contracts.md; the worker sends its one event itself). */
export const ANALYTICS_EVENTS_PATH = '/api/analytics/events';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The payload of a push message, or null when there is none or it is not ours. */
export function readPayload(data: { json(): unknown } | null | undefined): PushPayload | null {
  if (!data) return null;
  let raw: unknown;
  try {
    raw = data.json();
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const p = raw as Record<string, unknown>;
  const title = str(p.title);
  if (!title) return null;
  const actions = Array.isArray(p.actions)
    ? p.actions
        .filter((a): a is Record<string, unknown> => !!a && typeof a === 'object')
        .filter((a) => str(a.action) && str(a.title))
        .map((a) => ({ action: a.action as string, title: a.title as string, url: str(a.url) }))
    : undefined;
  return {
    title,
    body: str(p.body) ?? '',
    icon: str(p.icon),
    badge: str(p.badge),
    url: str(p.url),
    tag: str(p.tag),
    actions,
    kind: str(p.kind) ?? 'message',
    deliveryId: str(p.deliveryId) ?? '',
  };
}

/** A same-origin absolute URL for `path`, or the home page for anything else. */
export function sameOriginUrl(path: string | undefined, origin: string): string {
  if (!path) return `${origin}/`;
  try {
    const url = new URL(path, origin);
    return url.origin === origin ? url.href : `${origin}/`;
  } catch {
    return `${origin}/`;
  }
}

function sendReceipt(
  scope: ServiceWorkerGlobalScope,
  deliveryId: string | null,
  event: 'delivered' | 'clicked',
) {
  if (!deliveryId) return Promise.resolve();
  return scope
    .fetch(new URL(RECEIPTS_PATH, scope.location.origin).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deliveryId, event }),
      credentials: 'omit',
      keepalive: true,
    })
    .then(
      () => undefined,
      () => undefined,
    );
}

/**
 * The click for analytics (POST /api/analytics/events, with fetch: a worker has no sendBeacon).
 * Skipped under Global Privacy Control; the server also drops it for DNT/GPC headers and when
 * ANALYTICS_MODE is off. The visit id is made for this click alone (a worker keeps no visit).
 */
function sendPushClick(scope: ServiceWorkerGlobalScope, kind: string | undefined, url: string) {
  const nav = scope.navigator as (WorkerNavigator & { globalPrivacyControl?: boolean }) | undefined;
  if (nav?.globalPrivacyControl === true) {
    return Promise.resolve();
  }
  const visitId = `push-${crypto.randomUUID()}`;
  const event = {
    name: 'push_click',
    visitId,
    path: new URL(url, scope.location.origin).pathname.slice(0, 300),
    occurredAt: new Date().toISOString(),
    props: { kind: (kind ?? '').replace(/[^\w.:-]/g, '_').slice(0, 40) || 'unknown' },
  };
  return scope
    .fetch(new URL(ANALYTICS_EVENTS_PATH, scope.location.origin).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [event] }),
      credentials: 'same-origin',
      keepalive: true,
    })
    .then(
      () => undefined,
      () => undefined,
    );
}

async function showPush(scope: ServiceWorkerGlobalScope, payload: PushPayload) {
  const origin = scope.location.origin;
  const actions = (payload.actions ?? []).slice(0, 2);
  const data: NotificationData = {
    url: sameOriginUrl(payload.url, origin),
    deliveryId: payload.deliveryId || null,
    kind: payload.kind,
    actionUrls: Object.fromEntries(
      actions.filter((a) => a.url).map((a) => [a.action, sameOriginUrl(a.url, origin)]),
    ),
  };
  const options: NotificationOptions & { actions?: Array<{ action: string; title: string }> } = {
    body: payload.body,
    data,
    ...(payload.icon ? { icon: sameOriginUrl(payload.icon, origin) } : {}),
    ...(payload.badge ? { badge: sameOriginUrl(payload.badge, origin) } : {}),
    ...(payload.tag ? { tag: payload.tag } : {}),
    ...(actions.length > 0 ? { actions: actions.map((a) => ({ action: a.action, title: a.title })) } : {}),
  };
  await scope.registration.showNotification(payload.title, options);
}

async function openLink(scope: ServiceWorkerGlobalScope, url: string) {
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => w.url === url);
  if (open) {
    await open.focus();
    return;
  }
  await scope.clients.openWindow(url);
}

export function registerPushHandlers(self: ServiceWorkerGlobalScope): void {
  self.addEventListener('push', (event) => {
    const payload = readPayload(event.data);
    // not ours or unreadable: nothing to show (the browser shows its own generic line if it must)
    if (!payload) return;
    event.waitUntil(
      Promise.all([showPush(self, payload), sendReceipt(self, payload.deliveryId || null, 'delivered')]),
    );
  });

  self.addEventListener('notificationclick', (event) => {
    const data = (event.notification.data ?? {}) as Partial<NotificationData>;
    event.notification.close();
    const origin = self.location.origin;
    const url = (event.action && data.actionUrls?.[event.action]) || data.url || `${origin}/`;
    event.waitUntil(
      Promise.all([
        sendReceipt(self, data.deliveryId ?? null, 'clicked'),
        sendPushClick(self, data.kind, sameOriginUrl(url, origin)),
        openLink(self, sameOriginUrl(url, origin)),
      ]),
    );
  });
}
