/**
 * Issue 14, push in Chromium on the production build: a customer turns push on in My account
 * (permission granted to the context; asked only on the click), an admin sends them a push, the
 * real `web-push` library encrypts it for their subscription, and the real service worker shows
 * it and reports "delivered".
 *
 * Chromium here has no push service (headless Chromium answers `pushManager.subscribe` with
 * "Registration failed - permission denied", and there is no internet), so two stand-ins speak
 * the real protocols: `pushManager.subscribe` in the page answers with a subscription whose keys
 * this test holds and whose endpoint is an HTTPS push service in this test process (RFC 8030;
 * the e2e server trusts its test CA, scripts/e2e-server.mjs); the test decrypts what web-push
 * sent (RFC 8291, tests/integration/push-peer.ts) and hands it to the real worker with the
 * DevTools protocol's `ServiceWorker.deliverPushMessage`.
 * The DevTools protocol cannot click a notification; the click (receipt "clicked", focus or open
 * the link) is tested on the handler itself: src/features/notifications/worker/push-handlers.test.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { decryptPush } from '../integration/push-peer';
import { fullChromiumLaunchOptions } from '../../scripts/lib/chromium.mjs';
import { chooseWorkerShop, expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { adminApi, signUpContext, storageStateOf } from './users';

const PEER_DIR = path.join(process.cwd(), 'test-results', 'e2e-push-peer');

/** The push service stand-in: answers 201 and keeps what it was sent. */
async function startPushService() {
  const received: Buffer[] = [];
  const waiters: Array<() => void> = [];
  const server = https.createServer(
    {
      key: fs.readFileSync(path.join(PEER_DIR, 'key.pem')),
      cert: fs.readFileSync(path.join(PEER_DIR, 'cert.pem')),
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Buffer.concat(chunks));
        res.writeHead(201, { location: `${req.url}/messages/${crypto.randomUUID()}` }).end();
        waiters.splice(0).forEach((w) => w());
      });
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: `${origin}/push/${crypto.randomBytes(12).toString('base64url')}`,
    async next(): Promise<Buffer> {
      if (received.length === 0) await new Promise<void>((r) => waiters.push(r));
      return received.shift()!;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The page's push service stand-in: subscribe answers with a subscription the test can decrypt for. */
async function standInPushManager(page: Page, sub: { endpoint: string; p256dh: string; auth: string }) {
  await page.addInitScript((s) => {
    const bytes = (b64: string) =>
      Uint8Array.from(
        atob(b64.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((b64.length + 3) % 4)),
        (c) => c.charCodeAt(0),
      ).buffer;
    const KEY = 'e2e-push-subscribed';
    const make = () => ({
      endpoint: s.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: null },
      getKey: (name: string) => bytes(name === 'p256dh' ? s.p256dh : s.auth),
      toJSON: () => ({
        endpoint: s.endpoint,
        expirationTime: null,
        keys: { p256dh: s.p256dh, auth: s.auth },
      }),
      unsubscribe: async () => {
        sessionStorage.removeItem(KEY);
        return true;
      },
    });
    PushManager.prototype.subscribe = async function () {
      sessionStorage.setItem(KEY, '1');
      return make() as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async function () {
      return (sessionStorage.getItem(KEY) ? make() : null) as unknown as PushSubscription | null;
    };
  }, sub);
}

// this file runs in the full Chromium: the headless shell the other journeys run in
// (scripts/lib/chromium.mjs) has no notifications for the service worker to show
test.use({ launchOptions: fullChromiumLaunchOptions() });

test.describe('with the service worker', () => {
  // the journeys run with workers blocked (playwright.config.ts); this one is about the worker
  test.use({ serviceWorkers: 'allow' });

  test('a push reaches the real service worker, shows, and is recorded delivered @behaviour', async ({
    page,
    baseURL,
  }, testInfo) => {
    const service = await startPushService();
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = crypto.randomBytes(16);
    await standInPushManager(page, {
      endpoint: service.endpoint,
      p256dh: ecdh.getPublicKey().toString('base64url'),
      auth: auth.toString('base64url'),
    });
    await page.context().grantPermissions(['notifications'], { origin: baseURL! });
    const userId = await signUpContext(page.context(), baseURL!, {
      name: 'Pia Push',
      email: uniqueEmail('push'),
      password: 'push-journey-password',
    });

    // the DevTools protocol: the worker's registration id, for delivering a push to it
    const cdp = await page.context().newCDPSession(page);
    const registrations = new Map<string, string>();
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
      for (const r of e.registrations) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
    });
    await cdp.send('ServiceWorker.enable');

    await page.goto('/account#notifications');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const status = page.getByTestId('push-status');
    await expect(status).toHaveAttribute('data-state', 'off');
    const subscribed = page.waitForResponse((r) => r.url().endsWith('/api/notifications/push/subscribe'));
    await page.getByTestId('push-toggle').click();
    expect((await subscribed).status()).toBe(201);
    await expect(status).toHaveAttribute('data-state', 'on');
    await expect(status).toHaveText('Push notifications are on for this device.');
    await expect(page.getByTestId('push-toggle')).toHaveText('Turn off on this device');

    // an admin sends them a push; web-push encrypts it for this subscription
    const admin = await adminApi(baseURL!);
    const sent = await admin.post('/api/notifications/push/send', {
      data: {
        userId,
        title: 'Your repair is ready',
        body: 'Collect it from 10:00 tomorrow.',
        url: '/account',
      },
    });
    expect(sent.status(), await sent.text()).toBe(202);
    const { id } = (await sent.json()) as { id: string };
    const payloadText = decryptPush(await service.next(), { ecdh, auth });
    const payload = JSON.parse(payloadText) as {
      title: string;
      deliveryId: string;
      url: string;
      kind: string;
    };
    expect(payload).toMatchObject({ title: 'Your repair is ready', url: '/account' });
    expect(payload.deliveryId).toMatch(/^[0-9a-f-]{36}$/);

    // delivered to the real worker, exactly as the browser would after decrypting
    const registrationId = registrations.get(`${new URL(baseURL!).origin}/`);
    expect(registrationId, 'the service worker registration').toBeTruthy();
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(baseURL!).origin,
      registrationId: registrationId!,
      data: payloadText,
    });
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
            title: n.title,
            body: n.body,
            data: n.data as { url: string; deliveryId: string },
          })),
        ),
      )
      .toEqual([
        {
          title: 'Your repair is ready',
          body: 'Collect it from 10:00 tomorrow.',
          data: expect.objectContaining({
            url: `${new URL(baseURL!).origin}/account`,
            deliveryId: payload.deliveryId,
          }),
        },
      ]);
    // the worker reported it: "delivered" in the notification's stats
    await expect
      .poll(
        async () =>
          ((await (await admin.get(`/api/notifications/push/${id}/stats`)).json()) as { delivered: number })
            .delivered,
      )
      .toBe(1);
    await reviewShot(page, testInfo.outputPath('account-push-on-desktop.png'), { fullPage: true });

    // off again: the browser's subscription and the server's are gone
    const unsubscribed = page.waitForResponse((r) => r.url().endsWith('/api/notifications/push/unsubscribe'));
    await page.getByTestId('push-toggle').click();
    expect(await (await unsubscribed).json()).toEqual({ removed: true });
    await expect(status).toHaveAttribute('data-state', 'off');
    await service.stop();
  });
});

test('My account: notification settings per kind and channel, saved at once', async ({
  page,
  baseURL,
}, testInfo) => {
  await signUpContext(page.context(), baseURL!, {
    name: 'Nia Notices',
    email: uniqueEmail('prefs'),
    password: 'prefs-journey-password',
  });
  await page.goto('/account#notifications');
  const section = page.locator('#notifications');
  await expect(section.getByRole('heading', { name: 'Notifications', exact: true })).toBeVisible();
  // a browser that blocked notifications gets a clear line, not an error
  await expect(page.getByTestId('push-status')).toHaveAttribute('data-state', /off|denied|unavailable/);
  const email = page.getByTestId('pref-ready_for_collection-email');
  await expect(email).toBeChecked();
  await email.uncheck();
  await expect(page.getByTestId('prefs-status')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByTestId('pref-ready_for_collection-email')).not.toBeChecked();
  await expect(page.getByTestId('pref-quote_ready-push')).toBeChecked();
  await expectAccessible(page, 'My account with notification settings');
  await section.scrollIntoViewIfNeeded();
  await reviewShot(section, testInfo.outputPath(`account-notifications-${testInfo.project.name}.png`));
});

test.describe('the console', () => {
  test.use({ storageState: storageStateOf('technician') });
  test('staff choose their notices in the console', async ({ page }, testInfo) => {
    await page.goto('/staff');
    await page.getByTestId('notification-settings-link').click();
    await expect(page).toHaveURL(/\/staff\/notifications$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Notification settings' })).toBeVisible();
    for (const kind of ['new_booking', 'checked_in', 'order_overdue']) {
      await expect(page.getByTestId(`pref-${kind}`)).toBeVisible();
    }
    await expect(page.getByTestId('pref-quote_ready')).toHaveCount(0);
    const push = page.getByTestId('pref-order_overdue-push');
    await push.uncheck();
    await expect(page.getByTestId('prefs-status')).toHaveText('Saved.');
    await push.check();
    await expect(page.getByTestId('prefs-status')).toHaveText('Saved.');
    await expectAccessible(page, 'console notification settings');
    await reviewShot(page, testInfo.outputPath(`console-notifications-${testInfo.project.name}.png`), {
      fullPage: true,
    });
  });
});

async function bookThroughTheForm(page: Page, email: string) {
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await chooseWorkerShop(page);
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await page.getByTestId('customer-name').fill('Rae Ready');
  await page.getByTestId('customer-email').fill(email);
  await page.getByTestId('payment-collection').click();
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('booking-success')).toBeVisible();
}

test('after a booking: "tell me when my repair is ready" (a guest is asked to sign in first)', async ({
  page,
  baseURL,
}, testInfo) => {
  test.slow(); // two bookings through the form
  // a guest: no permission prompt, a way to an account instead
  await bookThroughTheForm(page, uniqueEmail('ready-guest'));
  const card = page.getByTestId('notify-when-ready');
  await expect(card.getByRole('heading', { name: 'Tell me when my repair is ready' })).toBeVisible();
  await expect(page.getByTestId('notify-sign-in')).toContainText('sign in');
  await expect(card.getByRole('link', { name: 'sign in' })).toHaveAttribute(
    'href',
    '/sign-in?next=/account%23notifications',
  );
  await expect(card.getByTestId('push-toggle')).toHaveCount(0);
  await reviewShot(card, testInfo.outputPath(`booking-notify-guest-${testInfo.project.name}.png`));

  // signed in: one click away (nothing asked before the click)
  const email = uniqueEmail('ready-customer');
  await signUpContext(page.context(), baseURL!, {
    name: 'Rae Ready',
    email,
    password: 'ready-journey-password',
  });
  // a new tab (the form keeps its finished booking per tab)
  const tab = await page.context().newPage();
  await bookThroughTheForm(tab, email);
  const signedInCard = tab.getByTestId('notify-when-ready');
  const status = signedInCard.getByTestId('push-status');
  await expect(status).toHaveAttribute('data-state', /off|denied|unavailable/);
  if ((await status.getAttribute('data-state')) === 'off') {
    await expect(signedInCard.getByTestId('push-toggle')).toHaveText('Tell me when my repair is ready');
  }
  await expect(tab.getByTestId('notify-sign-in')).toHaveCount(0);
  await expectAccessible(tab, 'booking confirmation with the push offer');
  await reviewShot(signedInCard, testInfo.outputPath(`booking-notify-customer-${testInfo.project.name}.png`));
});
