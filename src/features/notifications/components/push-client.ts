'use client';
/**
 * Web Push in the browser: whether it can work here, and turning it on (permission on a click,
 * the server's VAPID key, `pushManager.subscribe`, POST /subscribe) or off (`unsubscribe` and
 * POST /unsubscribe). The service worker is registered by the PWA domain in production builds;
 * without one (e.g. `next dev`) push is "unavailable here", not an error.
 */

export type PushState = 'unsupported' | 'unavailable' | 'denied' | 'off' | 'on';

const BASE = '/api/notifications/push';

function supported(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

/** How long to wait for the PWA domain to register the worker (it does so after the page loads). */
const REGISTRATION_WAIT_MS = 5_000;

async function registration(): Promise<ServiceWorkerRegistration | null> {
  const now = await navigator.serviceWorker.getRegistration('/');
  if (now) return now;
  // none yet: the page registers it shortly in production builds; `next dev` never does
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), REGISTRATION_WAIT_MS)),
  ]);
}

/** The current state, without asking the person anything. */
export async function pushState(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const reg = await registration();
  if (!reg) return 'unavailable';
  const sub = await reg.pushManager.getSubscription();
  return sub && Notification.permission === 'granted' ? 'on' : 'off';
}

/**
 * Reports the state now and, when the service worker was not there yet (it registers after the
 * page loads; on a slow first load that is after `registration`'s wait, so the state reads
 * "unavailable"), again once it is ready. Returns the function that stops reporting.
 */
export function watchPushState(onState: (state: PushState) => void): () => void {
  let live = true;
  const check = () =>
    pushState()
      .then((s) => live && onState(s))
      .catch(() => live && onState('unavailable'));
  void check().then(() => {
    if (live && supported()) void navigator.serviceWorker.ready.then(() => live && check());
  });
  return () => {
    live = false;
  };
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  const raw = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
}

/** Turns push on for this browser; call from a click only (it may ask for permission). */
export async function enablePush(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  const permission =
    Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission === 'denied') return 'denied';
  if (permission !== 'granted') return 'off';
  const reg = await registration();
  if (!reg) return 'unavailable';
  const keyRes = await fetch(`${BASE}/key`, { credentials: 'same-origin' });
  if (!keyRes.ok) throw new Error(`push key: ${keyRes.status}`);
  const { publicKey } = (await keyRes.json()) as { publicKey: string };
  let sub = await reg.pushManager.getSubscription();
  const key = keyBytes(publicKey);
  if (sub) {
    // a subscription made with another key (the server's keys changed) cannot be used: renew it
    const current = sub.options.applicationServerKey;
    const same =
      current &&
      new Uint8Array(current).length === key.length &&
      new Uint8Array(current).every((b, i) => b === key[i]);
    if (!same) {
      await sub.unsubscribe();
      sub = null;
    }
  }
  sub ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  const json = sub.toJSON();
  const res = await post('/subscribe', {
    endpoint: json.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: json.keys?.p256dh, auth: json.keys?.auth },
  });
  if (!res.ok) throw new Error(`push subscribe: ${res.status}`);
  return 'on';
}

/** Turns push off for this browser (its subscription is forgotten here and on the server). */
export async function disablePush(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  const reg = await registration();
  const sub = reg ? await reg.pushManager.getSubscription() : null;
  if (sub) {
    const endpoint = sub.endpoint;
    await sub.unsubscribe();
    const res = await post('/unsubscribe', { endpoint });
    if (!res.ok) throw new Error(`push unsubscribe: ${res.status}`);
  }
  return 'off';
}
