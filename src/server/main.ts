/**
 * The app's own Node server: /api/* goes to Hono, everything else to Next.
 * Run with `npm start` (production: migrates, seeds, builds if needed) or `npm run dev`.
 * Extra instances that serve only the API (and work the queue) run src/server/api-server.ts.
 *
 * This file starts opening the database first (README, "Start-up time": the image copy and
 * PGlite's start then run while the main thread loads the server's code), then loads and runs
 * the server (src/server/entry/full-server.ts). With Redis configured, Redis is connected
 * first and the database after it, as in every other process (bootstrap).
 */
import { env } from '@/env';
import { logger } from '@/server/logger';
import { openAppDatabase } from '@/server/entry/open-database';

const phases: Record<string, number> = {};
const database = env.REDIS_URL ? undefined : openAppDatabase(phases);
// a failure is reported where the server awaits it (bootstrap), once its code is loaded
database?.catch(() => undefined);

import('@/server/entry/full-server')
  .then(({ serve }) => serve({ phases, database }))
  .catch((err: unknown) => {
    logger.fatal({ err }, 'failed to start');
    console.error(err);
    process.exit(1);
  });
