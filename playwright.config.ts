import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findJourneyBrowser } from './scripts/lib/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3210);
// the headless shell when installed (scripts/lib/chromium.mjs: lighter; push.spec.ts asks for the full browser)
const launchOptions = { executablePath: findJourneyBrowser() ?? undefined, args: CHROMIUM_ARGS };

/**
 * Two workers by default: the browsers, the runner and the server then keep both cores busy,
 * where one worker leaves them waiting on each other (measured back to back on 2 cores, prebuilt,
 * PGlite: 1 worker 369 s and 423 s, 2 workers 293 s and 355 s). Journeys are isolated by their own
 * data (users.ts; helpers.ts `workerShop`, `bookDropOff`), so any test may run next to any
 * other. E2E_WORKERS overrides.
 */
const workers = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // a trace (DOM snapshots and a screencast of every step) recorded for every test, with the
    // review screenshots, took the browsers 467 s of CPU in a run against 265 s without; CI
    // retries a failure once and records its trace then. E2E_TRACE=on|retain-on-failure|… chooses.
    trace: (process.env.E2E_TRACE as 'on') ?? (process.env.CI ? 'on-first-retry' : 'retain-on-failure'),
    screenshot: 'only-on-failure',
    // the production build registers a service worker on every page; the journeys run without it
    // (no precache per new context, and page.route sees every request), and the specs about it
    // (tests/e2e/pwa.spec.ts) allow it: `test.use({ serviceWorkers: 'allow' })` or their own context
    serviceWorkers: 'block',
    launchOptions,
  },
  projects: [
    {
      name: 'desktop',
      // `*.mobile.spec.ts`: phone-only journeys (bottom navigation, swipes, the camera and QR
      // scanner, nearest shop); they set any other width they check (320, 768 px) themselves
      testIgnore: /\.mobile\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions },
    },
    {
      name: 'phone',
      // what depends on the viewport runs at 390 px too: the phone-only journeys
      // (`*.mobile.spec.ts`: bottom bar, queue cards, camera, scanner, nearest shop), the 320 px
      // sweep of every customer, staff and admin page (mobile-layout.mobile.spec.ts: no sideways
      // scroll, 44 px targets), and the customer journeys whose forms and dialogs are the subject
      // (booking, card payment, manage, portal, photos, site polish). A journey that is server
      // and workflow behaviour on pages the sweep already lays out at 320 px runs once, at
      // desktop: whole files below, single tests tagged @behaviour. Measured (one run on 2 busy
      // cores): the files below cost the phone project ~1,270 s of ~2,430 s test time.
      // Keyboard-only journeys and the admin's SMTP set-up are desktop concerns; HTTP headers,
      // RFC vectors, redirects and 404s are not about the viewport.
      testIgnore: new RegExp(
        `(?:^|[\\/])(${[
          'keyboard',
          'admin-email',
          'security-headers',
          'live-quote',
          'cancel-refund',
          'quote-expiry',
          // workflow journeys: the queue on a phone is queue-swipe.mobile; pages in the sweep
          'staff-console',
          'offline-console',
          'staff-payments',
          'revised-quote',
          'live-journey',
          'notifications',
          'audit',
          'admin-users',
          // account and push flows: /sign-up, /account/security etc. are in the sweep
          'accounts',
          'two-factor',
          'push',
          'offline-booking',
          // HTML only
          'page-messages',
        ].join('|')})\\.spec\\.ts$`,
      ),
      grepInvert: /@behaviour/,
      use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, launchOptions },
    },
  ],
  // the admin sets up two-factor once the server is up (staff must: STAFF_TWO_FACTOR below)
  globalSetup: './tests/e2e/global-setup.ts',
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `http://localhost:${PORT}/api/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      PORT: String(PORT),
      // the first admin, created on the first start (tests/e2e/helpers.ts signs in with it)
      ADMIN_EMAIL: 'admin@e2e.test',
      ADMIN_PASSWORD: 'e2e-admin-password',
      // one run signs up and in many times from the same IP (127.0.0.1); better-auth's per-IP
      // limit would answer 429 part-way through the run. The resend cooldown stays on.
      AUTH_RATE_LIMIT: 'off',
      // the journeys book and message many times from 127.0.0.1 (the limits: tests/integration/rate-limit.test.ts)
      PUBLIC_RATE_LIMIT: 'off',
      // staff must set up two-factor before the console opens (the default, kept explicit:
      // tests/e2e/helpers.ts signs staff in with their authenticator codes)
      STAFF_TWO_FACTOR: 'required',
      // push.spec.ts's stand-in push service listens on 127.0.0.1 (by default only the browsers'
      // own push services are accepted as subscription endpoints)
      PUSH_SERVICE_HOSTS: '127.0.0.1',
    },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
