/**
 * The installable app on the production build: the service worker installs and controls the
 * page; offline, the shell, the catalogue and a tracked repair's last known state still load and
 * other pages get the offline page; a new worker brings "A new version is ready" and only its
 * Reload button activates it; Chromium finds nothing stopping installation; the install prompt
 * waits for real engagement and records what the person did.
 *
 * One persistent browser profile with the worker is shared by the serial tests that need it
 * (installing the worker precaches the app shell: once is enough; and Chromium reports an
 * incognito context, which newContext() makes, as not installable). Viewport-independent:
 * desktop only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { bookDropOff, expectAccessible, reviewShot, uniqueEmail } from './helpers';

const shot = (page: Page, name: string) =>
  reviewShot(page, `test-results/pwa-${test.info().project.name}-${name}.png`);

test.describe.configure({ mode: 'serial' });

test.describe('service worker @behaviour', () => {
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;

  // a persistent (non-incognito) profile: Chromium never finds an incognito window installable
  test.beforeAll(async ({ playwright }, testInfo) => {
    const { baseURL, launchOptions } = testInfo.project.use;
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-pwa-'));
    context = await playwright.chromium.launchPersistentContext(userDataDir, {
      ...launchOptions,
      baseURL,
      viewport: { width: 1280, height: 800 },
      // the journeys block workers (playwright.config.ts); this one is about the worker
      serviceWorkers: 'allow',
    });
    page = context.pages()[0] ?? (await context.newPage());
  });
  test.afterAll(async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  test('installs, controls the page, and keeps the shell, catalogue and a tracked repair offline', async () => {
    const booking = await bookDropOff(page.request, {
      modelSlug: 'iphone-15',
      repairSlugs: ['screen-crack'],
      customer: { name: 'Offline Tracker', email: uniqueEmail('pwa-track') },
      paymentMethod: 'collection',
    });
    const trackPath = `/track/${booking.reference}?token=${encodeURIComponent(booking.trackingToken)}`;

    await page.goto('/');
    const scriptURL = await page.evaluate(
      async () => (await navigator.serviceWorker.ready).active?.scriptURL,
    );
    expect(new URL(scriptURL!).pathname).toBe('/sw.js');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // the worker is served as JavaScript, never kept long by HTTP caches, allowed scope /
    const sw = await page.request.get('/sw.js');
    expect(sw.headers()['content-type']).toMatch(/javascript/);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(sw.headers()['service-worker-allowed']).toBe('/');
    // the worker's own policy: no page nonce, nothing but its own origin
    expect(sw.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(sw.headers()['content-security-policy']).not.toContain('nonce-');

    // online first: the pages and the catalogue answers a person would have seen; the booking
    // form reached by a client-side link (an RSC fetch), which the page fetches again for the worker
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Book a repair' }).click();
    await expect(page).toHaveURL(/\/book-repair$/);
    await expect
      .poll(() =>
        page.evaluate(async () => !!(await (await caches.open('rt-pages-anon')).match('/book-repair'))),
      )
      .toBe(true);
    await page.getByTestId('device-apple').click();
    await expect(page.getByTestId('model-iphone-15')).toBeVisible();
    await page.goto(trackPath);
    const status = (await page.getByTestId('tracking-status').textContent())!.trim();
    expect(status).not.toBe('');

    await context.setOffline(true);
    try {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Broken device?');
      await expect(page.getByTestId('offline-title')).toHaveCount(0);

      await page.goto('/book-repair');
      await expect(page.getByTestId('device-apple')).toBeVisible();
      await page.getByTestId('device-apple').click();
      // the models come from the API's cached answer (stale-while-revalidate)
      await expect(page.getByTestId('model-iphone-15')).toBeVisible();
      await shot(page, 'offline-book-repair');

      await page.goto(trackPath);
      await expect(page.getByTestId('tracking-reference')).toContainText(booking.reference);
      await expect(page.getByTestId('tracking-status')).toHaveText(status);

      // a page never opened: the offline page, saying what still works
      await page.goto('/shops');
      await expect(page.getByTestId('offline-title')).toHaveText('You are offline');
      await expect(page.getByText('What still works offline')).toBeVisible();
      await shot(page, 'offline-page');
      await expectAccessible(page, 'offline page');
    } finally {
      await context.setOffline(false);
    }
  });

  test("a signed-in person's pages are not served to the next person on the device", async () => {
    // a customer signs in and opens their account page: it is cached under their session
    const email = uniqueEmail('pwa-private');
    const signUp = await page.request.post('/api/auth/sign-up/email', {
      data: { email, password: 'correct-horse-battery', name: 'Private Person' },
    });
    expect(signUp.ok()).toBe(true);
    const signIn = await page.request.post('/api/auth/sign-in/email', {
      data: { email, password: 'correct-horse-battery' },
    });
    expect(signIn.ok()).toBe(true);
    await page.goto('/account');
    await expect(page.getByText(email).first()).toBeVisible();
    const scopes = await page.evaluate(async () =>
      (await caches.keys()).filter((k) => k.startsWith('rt-pages-')),
    );
    expect(scopes.some((k) => k !== 'rt-pages-anon')).toBe(true);

    // sign-out through the page (the worker sees it) drops every per-session cache
    await page.evaluate(() =>
      fetch('/api/auth/sign-out', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    await expect
      .poll(() =>
        page.evaluate(async () => (await caches.keys()).filter((k) => /^rt-(pages|api)-(?!anon)/.test(k))),
      )
      .toEqual([]);
    await context.setOffline(true);
    try {
      await page.goto('/account');
      await expect(page.getByTestId('offline-title')).toBeVisible();
      await expect(page.getByText(email)).toHaveCount(0);
    } finally {
      await context.setOffline(false);
    }
  });

  test('Chromium reports no installability errors for / and /book-repair', async () => {
    const cdp = await context.newCDPSession(page);
    for (const path of ['/', '/book-repair']) {
      await page.goto(path);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: Array<{ errorId: string }>;
      };
      expect(installabilityErrors, path).toEqual([]);
    }
    const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as {
      shortcuts: Array<{ url: string }>;
      icons: Array<{ sizes: string; purpose: string }>;
    };
    expect(manifest.shortcuts.map((s) => s.url)).toEqual(['/book-repair', '/track', '/staff']);
    expect(manifest.icons.filter((i) => i.purpose === 'maskable').map((i) => i.sizes)).toEqual([
      '192x192',
      '512x512',
    ]);
    await cdp.detach();
  });

  test('a new worker shows "A new version is ready"; only Reload activates it', async () => {
    await page.goto('/book-repair');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const before = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
    await page.getByTestId('device-apple').click();
    await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

    // a deploy: the registration finds a new worker script
    await page.evaluate(async () => {
      await navigator.serviceWorker.register('/sw.js?revision=e2e-2', { scope: '/' });
    });
    const prompt = page.getByTestId('sw-update');
    await expect(prompt).toContainText('A new version is ready.');
    await shot(page, 'update-ready');
    // it waits: the page was not reloaded and the old worker still controls it
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(before);

    await page.getByTestId('sw-update-reload').click();
    await page.waitForFunction(() => !(window as unknown as { __samePage?: boolean }).__samePage);
    await page.waitForFunction(() =>
      navigator.serviceWorker.controller?.scriptURL.includes('revision=e2e-2'),
    );
  });
});

test.describe('install prompt @behaviour', () => {
  test('waits for engagement, then records shown, dismissed (with back-off) and accepted', async ({
    browser,
  }) => {
    // no worker needed here: the prompt is the page's
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    // the tracker's batches (POST /api/analytics/events), install_prompt named by its outcome as before
    const events: Array<{ name: string; data?: Record<string, unknown> }> = [];
    context.on('request', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/analytics/events') {
        const batch = req.postDataJSON() as {
          events: Array<{ name: string; props?: Record<string, unknown> }>;
        };
        for (const e of batch.events) {
          const name = e.name === 'install_prompt' ? `install_prompt_${String(e.props?.outcome)}` : e.name;
          events.push({ name, data: e.props });
        }
      }
    });
    // batches leave every 10 s (or on page hide)
    const sentNames = () => expect.poll(() => events.map((e) => e.name), { timeout: 15_000 });
    // what Chromium fires when the app can be installed; the test plays the browser's dialog
    const offerInstall = (outcome: 'accepted' | 'dismissed') =>
      page.evaluate((result) => {
        const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
          prompt: () => Promise<void>;
          userChoice: Promise<{ outcome: string }>;
        };
        event.prompt = async () => undefined;
        event.userChoice = Promise.resolve({ outcome: result });
        window.dispatchEvent(event);
        // the prompt took it (preventDefault: no browser mini-infobar); let React render
        return new Promise<boolean>((resolve) =>
          requestAnimationFrame(() => setTimeout(() => resolve(event.defaultPrevented), 0)),
        );
      }, outcome);
    const pageViews = () =>
      page.evaluate(
        () =>
          (JSON.parse(localStorage.getItem('revivatech.install') ?? '{}') as { pageViews?: number })
            .pageViews,
      );

    // first page view: even an installable app is not offered yet
    await page.goto('/');
    await expect.poll(pageViews).toBe(1);
    expect(await offerInstall('accepted')).toBe(true);
    await expect(page.getByTestId('install-prompt')).toHaveCount(0);

    // a tracked repair is real engagement
    const booking = await bookDropOff(page.request, {
      modelSlug: 'iphone-15',
      repairSlugs: ['screen-crack'],
      customer: { name: 'Install Person', email: uniqueEmail('pwa-install') },
      paymentMethod: 'collection',
    });
    await page.goto(`/track/${booking.reference}?token=${encodeURIComponent(booking.trackingToken)}`);
    await expect.poll(pageViews).toBe(2);
    await offerInstall('accepted');
    const prompt = page.getByTestId('install-prompt');
    await expect(prompt).toBeVisible();
    await expect(prompt.getByRole('heading', { name: 'Install the app' })).toBeVisible();
    await sentNames().toContain('install_prompt_shown');
    expect(events.find((e) => e.name === 'install_prompt_shown')?.data).toMatchObject({
      trigger: 'tracked',
      platform: 'prompt',
    });
    await shot(page, 'install-prompt');
    await expectAccessible(page, 'install prompt');

    // "Not now": gone, and not offered again for 7 days
    await page.getByTestId('install-dismiss').click();
    await expect(prompt).toHaveCount(0);
    await sentNames().toContain('install_prompt_dismissed');
    await page.reload();
    await expect.poll(pageViews).toBe(3);
    expect(await offerInstall('accepted')).toBe(true);
    await expect(page.getByTestId('install-prompt')).toHaveCount(0);

    // 7 days later it comes back; Install opens the browser's dialog and is recorded
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('revivatech.install')!) as { snoozedUntil: number };
      s.snoozedUntil = Date.now() - 1000;
      localStorage.setItem('revivatech.install', JSON.stringify(s));
    });
    await page.reload();
    await expect.poll(pageViews).toBe(4);
    await offerInstall('accepted');
    await page.getByTestId('install-accept').click();
    await expect(page.getByTestId('install-prompt')).toHaveCount(0);
    await sentNames().toContain('install_prompt_accepted');

    // installed: never offered again
    await page.reload();
    await expect.poll(pageViews).toBe(5);
    expect(await offerInstall('accepted')).toBe(true);
    await expect(page.getByTestId('install-prompt')).toHaveCount(0);
    await context.close();
  });
});
