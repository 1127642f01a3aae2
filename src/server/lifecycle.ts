/**
 * What every app process does around serving, apart from the domains: stopping cleanly on a
 * signal (queue, event bus, database), the Node HTTP server's timeouts, and start-up failures
 * that carry a message for the operator.
 */
import type { Server } from 'node:http';
import { logger } from '@/server/logger';
import { closeDatabase } from '@/server/db/runtime';
import { DataDirLockedError } from '@/server/db/lock';
import { closeEventBus } from '@/server/events';
import { closeRateLimits } from '@/server/rate-limit';
import { closeCache } from '@/server/cache';
import { RedisUnavailableError } from '@/server/events-redis';
import { stopQueue } from '@/server/queue';

/** A start-up failure with a message meant for the operator: print it and exit 1. */
export function exitOnKnownStartupError(err: unknown): void {
  if (err instanceof DataDirLockedError || err instanceof RedisUnavailableError) {
    logger.fatal(err.message);
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
}

/** Stops the queue, the event bus and the database (each step logged, none blocks the next). */
export async function teardown(): Promise<void> {
  await stopQueue().catch((err: unknown) => logger.error({ err }, 'error stopping the queue'));
  await closeEventBus().catch((err: unknown) => logger.error({ err }, 'error closing the event bus'));
  await closeRateLimits().catch((err: unknown) => logger.error({ err }, 'error closing the rate limits'));
  await closeCache().catch((err: unknown) => logger.error({ err }, 'error closing the cache'));
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
