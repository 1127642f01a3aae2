/**
 * What every app process does before it serves, and undoes when it stops: the event bus
 * (Redis when REDIS_URL is set), the database (migrations), first-run seed, the job queue and
 * its workers, auth, the first admin. Used by the full server (main.ts: pages + API) and the
 * API-only server (api-server.ts: extra API/worker instances).
 */
import type { Server } from 'node:http';
import { env } from '@/env';
import { logger } from '@/server/logger';
import { closeDatabase, getDatabase, type DatabaseHandle } from '@/server/db/runtime';
import { DataDirLockedError } from '@/server/db/lock';
import { seedIfEmpty } from '@/server/db/seed';
import { closeEventBus, setEventBus } from '@/server/events';
import { createRedisBus, redactUrl, RedisUnavailableError } from '@/server/events-redis';
import { startQueue, startWorkers, stopQueue } from '@/server/queue';
import { ensureFirstAdmin } from '@/features/auth/server/ensure-admin';
import { getAuth } from '@/features/auth/server/auth';

export async function bootstrap(): Promise<DatabaseHandle> {
  // first, and before the data folder is touched: a missing Redis fails the start at once
  if (env.REDIS_URL) {
    setEventBus(await createRedisBus(env.REDIS_URL));
    logger.info({ url: redactUrl(env.REDIS_URL) }, 'live updates go through Redis');
  }
  const handle = await getDatabase();
  if (env.SEED_ON_START) await seedIfEmpty(handle.db);
  // the job queue (e-mail delivery, reminders) lives in the same database; every app process
  // works it (pg-boss hands each job to one worker only)
  await startQueue({ handle });
  await startWorkers();
  // create the auth instance now: pages read it from globalThis (see auth/server/session.ts)
  await getAuth();
  if (await ensureFirstAdmin(handle.db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD)) {
    logger.info({ email: env.ADMIN_EMAIL }, 'created the first admin account from ADMIN_EMAIL');
  }
  return handle;
}

/** A start-up failure with a message meant for the operator: print it and exit 1. */
export function exitOnKnownStartupError(err: unknown): void {
  if (err instanceof DataDirLockedError || err instanceof RedisUnavailableError) {
    logger.fatal(err.message);
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
}

/** Undoes bootstrap(): queue, bus, database (each step logged, none blocks the next). */
export async function teardown(): Promise<void> {
  await stopQueue().catch((err: unknown) => logger.error({ err }, 'error stopping the queue'));
  await closeEventBus().catch((err: unknown) => logger.error({ err }, 'error closing the event bus'));
  await closeDatabase().catch((err: unknown) => logger.error({ err }, 'error closing the database'));
}

/**
 * Stops on SIGINT/SIGTERM: no new connections, open ones (live streams included) closed at
 * once, then teardown and exit.
 */
export function stopOnSignals(server: Server): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    server.closeAllConnections();
    void teardown().finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/**
 * Node's HTTP timeouts for a server that also holds long-lived live streams: `requestTimeout`
 * and `headersTimeout` only bound receiving the request (a stream's GET is complete at once),
 * and socket inactivity (`timeout`) stays off, so streams are never cut; the heartbeat every
 * 20 s keeps proxies from closing them.
 */
export function configureServer(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.timeout = 0;
}

/** Requests the Hono API answers (everything else is a page). */
export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
