/**
 * `npm run worker`: a process that works the job queue (e-mail delivery, push, reminders,
 * schedules, payment-hold expiries) and nothing else: no HTTP server, no migrations (they run
 * once, by `npm run migrate` or the first web instance), no seeding. Web instances started with
 * RUN_JOBS=false only enqueue; pg-boss hands each job to one worker, so several of these may run.
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… ENCRYPTION_KEY=… npm run worker
 *
 * On SIGTERM/SIGINT it stops fetching jobs, lets running ones finish (up to WORKER_STOP_MS), then
 * closes the event bus and the database and exits 0. Logs are JSON lines (pino).
 */
import { env } from '@/env';
import { logger } from '@/server/logger';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import { migrationsApplied } from '@/server/readiness';
import { setDatabase } from '@/server/db/runtime';
import { setEventBus } from '@/server/events';
import { createRedisBus, redactUrl } from '@/server/events-redis';
import { startQueue, startWorkers, stopQueue } from '@/server/queue';
import { exitOnKnownStartupError, teardown } from '@/server/lifecycle';
import { DOMAIN_WORKERS } from '@/server/entry/workers';
import { wireDomainHooks } from '@/server/entry/hooks';

/** How long running jobs may take to finish after SIGTERM before the worker exits anyway. */
const WORKER_STOP_MS = 30_000;
/** How long the worker waits for the migrations (run by `npm run migrate` or a web instance). */
const MIGRATIONS_WAIT_MS = 120_000;

async function waitForMigrations(handle: DatabaseHandle): Promise<void> {
  const deadline = Date.now() + MIGRATIONS_WAIT_MS;
  let told = false;
  for (;;) {
    if (await migrationsApplied(handle.db)) return;
    if (Date.now() > deadline) {
      throw new Error('the database is not migrated: run `npm run migrate` (or start a web instance) first');
    }
    if (!told) logger.warn('waiting for the database migrations (`npm run migrate` or a web instance)');
    told = true;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

async function main() {
  const started = Date.now();
  if (!env.DATABASE_URL) {
    // the embedded database (PGlite) is one process's: `npm start` works its jobs itself
    const message =
      'npm run worker needs PostgreSQL (DATABASE_URL). With the embedded database, `npm start` ' +
      'runs the jobs in its own process (RUN_JOBS defaults to true).';
    logger.fatal(message);
    console.error(`\n${message}\n`);
    process.exit(1);
  }
  if (env.REDIS_URL) {
    // jobs publish live updates (notifications, e-mail status) that web instances stream
    setEventBus(await createRedisBus(env.REDIS_URL));
    logger.info({ url: redactUrl(env.REDIS_URL) }, 'live updates go through Redis');
  }
  wireDomainHooks();
  const handle = await openDatabase({
    url: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    migrate: false,
  });
  setDatabase(handle);
  await waitForMigrations(handle);
  await startQueue({ handle, work: true });
  await startWorkers(DOMAIN_WORKERS);
  logger.info({ ms: Date.now() - started, pid: process.pid }, 'RevivaTech worker is ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down: letting running jobs finish');
    void stopQueue(WORKER_STOP_MS)
      .catch((err: unknown) => logger.error({ err }, 'error stopping the queue'))
      .then(teardown)
      .finally(() => {
        logger.info({ signal }, 'worker stopped');
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  exitOnKnownStartupError(err);
  logger.fatal({ err }, 'the worker failed to start');
  console.error(err);
  process.exit(1);
});
