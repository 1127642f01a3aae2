/**
 * The worker's push handlers against a stand-in `self` that speaks the real event shapes (an
 * EventTarget dispatching `push` / `notificationclick` events with `waitUntil`, `data.json()`,
 * `notification.data`, `action`), with receipts posted for real to a local HTTP server. The
 * Playwright journey (tests/e2e/push.spec.ts) covers `push` in Chromium's real worker; Chromium's
 * DevTools protocol cannot click a notification, so the click is proven here.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RECEIPTS_PATH,
  readPayload,
  registerPushHandlers,
  sameOriginUrl,
  type NotificationData,
} from './push-handlers';

interface Shown {
  title: string;
  options: NotificationOptions & { actions?: Array<{ action: string; title: string }> };
  closed: boolean;
}

let server: http.Server;
let origin = '';
const receipts: Array<{ path: string; body: unknown; contentType: string | undefined }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      receipts.push({
        path: req.url ?? '',
        body: JSON.parse(raw || 'null'),
        contentType: req.headers['content-type'],
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function fakeScope(windows: Array<{ url: string }> = [], navigator: { globalPrivacyControl?: boolean } = {}) {
  const target = new EventTarget();
  const shown: Shown[] = [];
  const focused: string[] = [];
  const opened: string[] = [];
  const scope = {
    location: { origin },
    navigator,
    fetch: (input: string, init?: RequestInit) => fetch(input, init),
    addEventListener: target.addEventListener.bind(target),
    registration: {
      showNotification: async (title: string, options: Shown['options']) => {
        shown.push({ title, options, closed: false });
      },
    },
    clients: {
      matchAll: async () => windows.map((w) => ({ url: w.url, focus: async () => void focused.push(w.url) })),
      openWindow: async (url: string) => void opened.push(url),
    },
  };
  registerPushHandlers(scope as unknown as ServiceWorkerGlobalScope);

  /** Dispatches like the browser: an ExtendableEvent whose waitUntil promises we await. */
  async function dispatch(type: string, fields: Record<string, unknown>) {
    const waits: Promise<unknown>[] = [];
    const event = Object.assign(new Event(type), fields, {
      waitUntil: (p: Promise<unknown>) => waits.push(p),
    });
    target.dispatchEvent(event);
    await Promise.all(waits);
    return waits.length;
  }
  const push = (payload: unknown) =>
    dispatch('push', {
      data:
        payload === null
          ? null
          : {
              json: () => (typeof payload === 'string' ? JSON.parse(payload) : payload),
              text: () => String(payload),
            },
    });
  const click = (n: Shown, action = '') =>
    dispatch('notificationclick', {
      action,
      notification: { data: n.options.data, close: () => (n.closed = true) },
    });
  return { shown, focused, opened, push, click };
}

const DELIVERY = '0b7f5c4e-3a4d-4c1e-9b36-2f8b1d1e9a01';

describe('push handlers', () => {
  it('shows the notification with its details and reports it delivered', async () => {
    receipts.length = 0;
    const sw = fakeScope();
    await sw.push({
      title: 'Your repair is ready',
      body: 'RT-ABC234 is ready for collection',
      icon: '/icons/icon-192.png',
      badge: '/icons/badge-72.png',
      url: '/account/repairs/RT-ABC234',
      tag: 'order:RT-ABC234',
      actions: [{ action: 'open', title: 'Open', url: '/account/repairs/RT-ABC234' }],
      kind: 'ready_for_collection',
      deliveryId: DELIVERY,
    });
    expect(sw.shown).toHaveLength(1);
    const n = sw.shown[0]!;
    expect(n.title).toBe('Your repair is ready');
    expect(n.options).toMatchObject({
      body: 'RT-ABC234 is ready for collection',
      icon: `${origin}/icons/icon-192.png`,
      badge: `${origin}/icons/badge-72.png`,
      tag: 'order:RT-ABC234',
      actions: [{ action: 'open', title: 'Open' }],
    });
    expect(n.options.data as NotificationData).toEqual({
      url: `${origin}/account/repairs/RT-ABC234`,
      deliveryId: DELIVERY,
      kind: 'ready_for_collection',
      actionUrls: { open: `${origin}/account/repairs/RT-ABC234` },
    });
    expect(receipts).toEqual([
      {
        path: '/api/notifications/push/receipts',
        body: { deliveryId: DELIVERY, event: 'delivered' },
        contentType: 'application/json',
      },
    ]);
  });

  it('on a click reports "clicked", closes it and opens the link when no window shows it', async () => {
    receipts.length = 0;
    const sw = fakeScope([{ url: `${origin}/` }]);
    await sw.push({ title: 'Hi', body: 'B', url: '/account', kind: 'shop_message', deliveryId: DELIVERY });
    receipts.length = 0;
    await sw.click(sw.shown[0]!);
    expect(receipts.filter((r) => r.path === RECEIPTS_PATH).map((r) => r.body)).toEqual([
      { deliveryId: DELIVERY, event: 'clicked' },
    ]);
    expect(sw.shown[0]!.closed).toBe(true);
    expect(sw.opened).toEqual([`${origin}/account`]);
    expect(sw.focused).toEqual([]);
  });

  it('on a click tells the analytics tracker (push_click with the kind and the path), not under GPC', async () => {
    const sw = fakeScope();
    await sw.push({
      title: 'Hi',
      body: 'B',
      url: '/account/repairs/RT-1?x=1',
      kind: 'ready_for_collection',
      deliveryId: DELIVERY,
    });
    receipts.length = 0;
    await sw.click(sw.shown[0]!);
    const events = receipts.filter((r) => r.path === '/api/analytics/events');
    expect(events).toHaveLength(1);
    expect(events[0]!.contentType).toBe('application/json');
    const body = events[0]!.body as { events: Array<Record<string, unknown>> };
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({
      name: 'push_click',
      path: '/account/repairs/RT-1',
      props: { kind: 'ready_for_collection' },
    });
    expect(body.events[0]!.visitId).toMatch(/^push-[0-9a-f-]{36}$/);
    expect(Date.now() - Date.parse(body.events[0]!.occurredAt as string)).toBeLessThan(60_000);

    const private_ = fakeScope([], { globalPrivacyControl: true });
    await private_.push({ title: 'Hi', body: 'B', url: '/account', kind: 'x', deliveryId: DELIVERY });
    receipts.length = 0;
    await private_.click(private_.shown[0]!);
    expect(receipts.map((r) => r.path)).toEqual([RECEIPTS_PATH]);
  });

  it('focuses a window already on the link instead of opening another; an action opens its own link', async () => {
    const sw = fakeScope([{ url: `${origin}/console/orders/1` }, { url: `${origin}/account` }]);
    await sw.push({
      title: 'New booking',
      body: 'RT-XYZ',
      url: '/account',
      actions: [{ action: 'order', title: 'Open order', url: '/console/orders/1' }],
      kind: 'new_booking',
      deliveryId: DELIVERY,
    });
    await sw.click(sw.shown[0]!);
    expect(sw.focused).toEqual([`${origin}/account`]);
    await sw.click(sw.shown[0]!, 'order');
    expect(sw.focused).toEqual([`${origin}/account`, `${origin}/console/orders/1`]);
    expect(sw.opened).toEqual([]);
  });

  it('never opens another site, and shows nothing for a push that is not ours', async () => {
    receipts.length = 0;
    const sw = fakeScope();
    await sw.push({
      title: 'Phish',
      body: 'x',
      url: 'https://evil.example/login',
      kind: 'x',
      deliveryId: DELIVERY,
    });
    expect((sw.shown[0]!.options.data as NotificationData).url).toBe(`${origin}/`);
    expect(await sw.push(null)).toBe(0);
    expect(await sw.push('not json')).toBe(0);
    expect(await sw.push({ body: 'no title' })).toBe(0);
    expect(sw.shown).toHaveLength(1);
  });

  it('reads payloads and URLs defensively', () => {
    expect(readPayload({ json: () => ({ title: 'T', actions: [{ action: 'a' }, 5] }) })).toMatchObject({
      title: 'T',
      body: '',
      actions: [],
      kind: 'message',
    });
    expect(sameOriginUrl('//evil.example/x', 'http://a.test')).toBe('http://a.test/');
    expect(sameOriginUrl('/x?y=1', 'http://a.test')).toBe('http://a.test/x?y=1');
  });
});
