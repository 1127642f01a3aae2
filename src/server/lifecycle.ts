/**
 * What every app process does around serving, apart from the domains: stopping cleanly on a
 * signal (queue, event bus, database), the Node HTTP server's timeouts, and start-up failures
 * that carry a message for the operator.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { logger } from '@/server/logger';
import { closeDatabase } from '@/server/db/runtime';
import { DataDirLockedError } from '@/server/db/lock';
import { closeEventBus } from '@/server/events';
import { closeRateLimits } from '@/server/rate-limit';
import { closeCache } from '@/server/cache';
import { RedisUnavailableError } from '@/server/events-redis';
import { stopQueue } from '@/server/queue';
import { closeReadiness, markShuttingDown } from '@/server/readiness';

/** A start-up failure with a message meant for the operator: print it and exit 1. */
export function exitOnKnownStartupError(err: unknown): void {
  if (err instanceof DataDirLockedError || err instanceof RedisUnavailableError) {
    logger.fatal(err.message);
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
}

/**
 * How long a shutdown waits for in-flight requests before it closes their connections, and
 * then for running jobs before the queue stops anyway.
 */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops the queue (running jobs get `SHUTDOWN_GRACE_MS` to finish), the event bus, the rate
 * limits' and readiness' Redis connections and the database (each step logged, none blocks the
 * next).
 */
export async function teardown(): Promise<void> {
  await stopQueue(SHUTDOWN_GRACE_MS).catch((err: unknown) =>
    logger.error({ err }, 'error stopping the queue'),
  );
  await closeEventBus().catch((err: unknown) => logger.error({ err }, 'error closing the event bus'));
  await closeRateLimits().catch((err: unknown) => logger.error({ err }, 'error closing the rate limits'));
  await closeReadiness().catch((err: unknown) => logger.error({ err }, 'error closing the readiness probe'));
  await closeCache().catch((err: unknown) => logger.error({ err }, 'error closing the cache'));
  await closeDatabase().catch((err: unknown) => logger.error({ err }, 'error closing the database'));
}

interface InFlight {
  req: IncomingMessage;
  res: ServerResponse;
}

const IN_FLIGHT = Symbol('revivatech.inFlight');
const STOPPING = Symbol('revivatech.stopping');
type TrackedServer = Server & { [IN_FLIGHT]?: Set<InFlight>; [STOPPING]?: boolean };

/** Keeps the server's unanswered requests, for a graceful stop (called by configureServer). */
function trackInFlight(server: TrackedServer): Set<InFlight> {
  if (server[IN_FLIGHT]) return server[IN_FLIGHT];
  const inFlight = new Set<InFlight>();
  server[IN_FLIGHT] = inFlight;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const entry = { req, res };
    inFlight.add(entry);
    res.once('close', () => inFlight.delete(entry));
    // a request that still arrives on a kept-alive connection while stopping is answered, and
    // its connection closed after it
    if (server[STOPPING]) res.shouldKeepAlive = false;
  });
  return inFlight;
}

/** A live stream (server-sent events) never ends by itself: a stop cuts it and the client reconnects elsewhere. */
function isLiveStream({ req, res }: InFlight): boolean {
  const type = res.getHeader('content-type');
  return (
    (typeof type === 'string' && type.startsWith('text/event-stream')) ||
    (req.headers.accept ?? '').includes('text/event-stream')
  );
}

/**
 * Stops the HTTP server gracefully: no new connections (the port closes), idle kept-alive
 * connections and live streams closed at once, in-flight requests answered (their connections
 * then closed) for up to `graceMs`, after which every remaining connection is closed. Resolves
 * with the number of requests cut off.
 */
export async function drainServer(server: Server, graceMs = SHUTDOWN_GRACE_MS): Promise<number> {
  const tracked = server as TrackedServer;
  const inFlight = trackInFlight(tracked);
  tracked[STOPPING] = true;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const entry of inFlight) {
    if (isLiveStream(entry)) entry.req.socket.destroy();
    else entry.res.shouldKeepAlive = false;
  }
  const deadline = Date.now() + graceMs;
  while (inFlight.size > 0 && Date.now() < deadline) {
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const cut = inFlight.size;
  server.closeAllConnections();
  await closed;
  return cut;
}

/**
 * Stops on SIGINT/SIGTERM: readiness answers 503 at once, the server drains (see drainServer),
 * the queue lets running jobs finish, connections close, and the process exits 0. A second
 * signal exits at once (1).
 */
export function stopOnSignals(server: Server): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    markShuttingDown();
    const started = Date.now();
    logger.info({ signal, inFlight: (server as TrackedServer)[IN_FLIGHT]?.size ?? 0 }, 'shutting down');
    void drainServer(server)
      .then((cut) => {
        if (cut > 0)
          logger.warn({ cut }, 'requests still running at the end of the grace period were cut off');
        logger.info(
          { ms: Date.now() - started },
          'requests drained; stopping the queue and closing connections',
        );
      })
      .catch((err: unknown) => logger.error({ err }, 'error draining the server'))
      .then(teardown)
      .finally(() => {
        logger.info({ ms: Date.now() - started }, 'stopped');
        process.exit(0);
      });
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
  trackInFlight(server);
}

/** Requests the Hono API answers (everything else is a page). */
export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
