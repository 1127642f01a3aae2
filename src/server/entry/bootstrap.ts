/**
 * What every app process does before it serves: the event bus (Redis when REDIS_URL is set),
 * the database (migrations), the first-run seed, the job queue with every domain's workers,
 * auth and the first admin. Used by the full server (main.ts: pages + API) and the API-only
 * server (api-server.ts: extra API/worker instances); src/server/lifecycle.ts undoes it.
 *
 * The full server starts the queue and the AI models' warm-up only once it listens
 * (`deferJobs`, then `startJobs` and `warmUpAiModels`): neither is needed to answer the first
 * request, /api/ready answers 503 until the queue is up, and API requests wait for it
 * (src/server/http/start-gate.ts).
 */
import { env } from '@/env';
import { logger } from '@/server/logger';
import type { DatabaseHandle } from '@/server/db/runtime';
import { setEventBus } from '@/server/events';
import { createRedisBus, redactUrl } from '@/server/events-redis';
import { countRateLimitsInRedis } from '@/server/rate-limit';
import { cacheInRedis } from '@/server/cache';
import { startQueue, startWorkers } from '@/server/queue';
import { warnIfNoAppUrl } from '@/server/http/base-url';
import { isShuttingDown } from '@/server/readiness';
import { ensureFirstAdmin, getAuth } from '@/features/auth/server';
import { warmUpAiModels } from './ai-warm-up';
import { seedIfEmpty } from './seed';
import { openAppDatabase } from './open-database';
import { DOMAIN_WORKERS } from './workers';
import { wireDomainHooks } from './hooks';

export interface BootstrapOptions {
  /**
   * Leave the job queue and the AI models' warm-up to the caller, which starts them after it
   * listens (`startJobs`, `warmUpAiModels`). Default false: both are done before returning.
   */
  deferJobs?: boolean;
  /**
   * The database, already being opened by the caller (`openAppDatabase`, started before the
   * caller loaded the rest of its code). Default: opened here, after the event bus.
   */
  database?: Promise<DatabaseHandle>;
}

/**
 * The job queue (e-mail delivery, reminders, payment holds) lives in the same database; every
 * app process works it (pg-boss hands each job to one worker only) unless RUN_JOBS=false, when
 * it only enqueues and `npm run worker` processes work the jobs.
 */
export async function startJobs(handle: DatabaseHandle): Promise<void> {
  await startQueue({ handle, work: env.RUN_JOBS });
  // stopped while the queue started (a signal right after listening): teardown stops the queue,
  // and registering workers now would start it again
  if (isShuttingDown()) return;
  await startWorkers(DOMAIN_WORKERS);
}

/** `phases` (optional) receives the milliseconds of each step, for the start-up log line. */
export async function bootstrap(
  phases: Record<string, number> = {},
  opts: BootstrapOptions = {},
): Promise<DatabaseHandle> {
  let mark = Date.now();
  const lap = (name: string) => {
    const now = Date.now();
    phases[name] = now - mark;
    mark = now;
  };
  // first, and before the data folder is touched: a missing Redis fails the start at once
  if (env.REDIS_URL) {
    setEventBus(await createRedisBus(env.REDIS_URL));
    // the public write limits count in Redis, so every instance spends the same budget
    await countRateLimitsInRedis(env.REDIS_URL);
    // the cache gets a Redis L2 and bus: an invalidation on one instance reaches every instance
    await cacheInRedis(env.REDIS_URL);
    logger.info(
      { url: redactUrl(env.REDIS_URL) },
      'live updates, rate limits and the cache go through Redis',
    );
  }
  warnIfNoAppUrl();
  wireDomainHooks();
  // the AI models load (JSON parse, first answer) while the database opens; awaited below
  const aiWarmUp = opts.deferJobs ? undefined : warmUpAiModels();
  // a new embedded data folder starts from the build's migrated, seeded database image
  const handle = await (opts.database ?? openAppDatabase(phases));
  mark = Date.now();
  if (env.SEED_ON_START) await seedIfEmpty(handle.db);
  lap('seed');
  if (!opts.deferJobs) {
    await startJobs(handle);
    lap('queue');
  }
  // create the auth instance now: pages read it from globalThis (see auth/server/session.ts)
  await getAuth();
  if (await ensureFirstAdmin(handle.db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD)) {
    logger.info({ email: env.ADMIN_EMAIL }, 'created the first admin account from ADMIN_EMAIL');
  }
  lap('auth');
  if (aiWarmUp) {
    phases.aiWarmUpMs = (await aiWarmUp).ms;
    lap('ai');
  }
  return handle;
}
