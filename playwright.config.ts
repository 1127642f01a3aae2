import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/lib/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const executablePath = findChromium() ?? undefined;
const launchOptions = {
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

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
      // what depends on the viewport runs at 390 px too: layouts, the booking and payment forms,
      // the portal, photos, navigation, the staff and admin pages. Checks that do not (HTTP
      // headers, RFC test vectors, server rules such as redirects and 404s, API-only
      // assertions) run once, at desktop: whole files below, single tests tagged @behaviour.
      // Keyboard-only journeys and the admin's SMTP set-up are desktop concerns. Live updates
      // (live-quote), the cancellation refund and the expired-quote price are server and
      // live-stream behaviour on pages whose phone layout other journeys cover (portal,
      // manage-booking, revised-quote, payments).
      testIgnore: /(keyboard|admin-email|security-headers|live-quote|cancel-refund|quote-expiry)\.spec\.ts/,
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
