import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) };

/**
 * Integration suites that need a module graph of their own: they set process.env before src/env.ts
 * is first imported (rate limits on, a test CA, no APP_URL), put their own logger in place before
 * the app makes one (auth-logs), or mock modules (api-imports).
 */
const ISOLATED = [
  'tests/integration/analytics-events.test.ts',
  'tests/integration/api-imports.test.ts',
  'tests/integration/auth-logs.test.ts',
  'tests/integration/auth-rate-limit.test.ts',
  // starts an enqueue-only queue (RUN_JOBS=false) and counts the jobs it sends: a process of its own
  'tests/integration/booking-notice-outbox.test.ts',
  'tests/integration/diagnose.test.ts',
  'tests/integration/email.test.ts',
  'tests/integration/mail-delivery.test.ts',
  'tests/integration/mail-lease.test.ts',
  'tests/integration/rate-limit.test.ts',
  'tests/integration/ratings.test.ts',
];

/** Unit tests that stub globals, timers' hosts or the environment, or mock modules: each file alone. */
const UNIT_ISOLATED = [
  'src/components/device/background-timer.test.ts',
  'src/server/secrets.test.ts',
  'src/server/http/asset-url.test.ts',
  'src/features/booking/components/offline-booking.test.ts',
  'src/features/notifications/components/push-client.test.ts',
  'src/features/offline/components/outbox.test.ts',
  'src/features/console/components/console-outbox.test.ts',
  'src/features/console/components/card-requests.test.ts',
];

const integration = {
  include: ['tests/integration/**/*.test.ts'],
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // one PGlite per worker is ~750 MB; keep the pool small on 2 cores
  maxWorkers: 2,
  setupFiles: ['tests/integration/setup.ts'],
  globalSetup: ['tests/integration/global-setup.ts'],
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: UNIT_ISOLATED,
          environment: 'node',
          // pure functions and components: one module graph per worker, not one per file
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: { name: 'unit-isolated', include: UNIT_ISOLATED, environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          ...integration,
          name: 'integration',
          exclude: ISOLATED,
          // the suites share one module graph per worker: the app, its routes and their libraries
          // are loaded once per worker, not once per file. Every suite starts its own app on its
          // own database (harness.ts startApp resets the cache and auth between suites).
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: { ...integration, name: 'integration-isolated', include: ISOLATED },
      },
    ],
  },
});
