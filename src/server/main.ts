/**
 * The app's own Node server: /api/* goes to Hono, everything else to Next.
 * Run with `npm start` (production: migrates, seeds, builds if needed) or `npm run dev`.
 */
import http from 'node:http';
import { getRequestListener } from '@hono/node-server';
import next from 'next';
import { env } from '@/env';
import { logger } from '@/server/logger';
import { getApi } from '@/server/api';
import { closeDatabase, getDatabase } from '@/server/db/runtime';
import { DataDirLockedError } from '@/server/db/lock';
import { seedIfEmpty } from '@/server/db/seed';
import { ensureFirstAdmin } from '@/features/auth/server/ensure-admin';
import { getAuth } from '@/features/auth/server/auth';
import { startQueue, startWorkers, stopQueue } from '@/server/queue';

async function main() {
  const dev = env.NODE_ENV !== 'production';
  const started = Date.now();

  try {
    const handle = await getDatabase();
    if (env.SEED_ON_START) await seedIfEmpty(handle.db);
    // the job queue (e-mail delivery, reminders) lives in the same database; its workers run in
    // this process for now (a separate `npm run worker` can call startWorkers() instead)
    await startQueue({ handle });
    await startWorkers();
    // create the auth instance now: pages read it from globalThis (see auth/server/session.ts)
    await getAuth();
    if (await ensureFirstAdmin(handle.db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD)) {
      logger.info({ email: env.ADMIN_EMAIL }, 'created the first admin account from ADMIN_EMAIL');
    }
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      logger.fatal(err.message);
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  const nextApp = next({ dev, dir: process.cwd(), hostname: 'localhost', port: env.PORT });
  const nextHandler = nextApp.getRequestHandler();
  await nextApp.prepare();

  const api = getApi();
  const apiListener = getRequestListener(api.fetch);

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')) {
      void apiListener(req, res);
    } else {
      void nextHandler(req, res);
    }
  });
  server.keepAliveTimeout = 65_000;

  server.listen(env.PORT, env.HOST, () => {
    const url = `http://localhost:${env.PORT}`;
    logger.info({ url, ms: Date.now() - started, dev }, 'RevivaTech is ready');
    console.log(`\n  RevivaTech is running at ${url}\n`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    server.closeAllConnections();
    void stopQueue()
      .catch((err: unknown) => logger.error({ err }, 'error stopping the queue'))
      .then(() => closeDatabase())
      .catch((err: unknown) => logger.error({ err }, 'error closing the database'))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'failed to start');
  console.error(err);
  process.exit(1);
});
