/**
 * Readiness (`GET /api/ready`): may this process take traffic? Each part is checked with its
 * own short timeout, side by side, so the answer never hangs on a dead peer:
 *
 * - database: `select 1` on the app's database;
 * - migrations: the newest migration of the shipped journal is recorded in the database;
 * - redis (only when REDIS_URL is set): PING on a connection of its own;
 * - queue: pg-boss answers through its own connections and its schema is installed.
 *
 * While the process shuts down it is not ready either, so a load balancer stops sending to it.
 */
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { env } from '@/env';
import { latestMigrationWhen } from '@/server/db/client';
import { openedDatabase, type Db } from '@/server/db/runtime';
import { runningQueue } from '@/server/queue';

export interface ReadinessChecks {
  database: boolean;
  migrations: boolean;
  /** present only when REDIS_URL is set */
  redis?: boolean;
  queue: boolean;
}

export type Readiness =
  | { status: 'ready'; checks: ReadinessChecks }
  | { status: 'not_ready'; reason: string; checks: ReadinessChecks };

/** How long one check may take before it counts as failed. */
export const CHECK_TIMEOUT_MS = 2_000;
/** What a 503 from /api/ready (and a database outage) tells clients to wait, in seconds. */
export const READY_RETRY_AFTER_SECONDS = 5;

declare global {
  var __rtShuttingDown: boolean | undefined;
  var __rtReadyRedis: Map<string, Redis> | undefined;
}

/** Called on SIGTERM/SIGINT: from now on the process answers "not ready". */
export function markShuttingDown(): void {
  globalThis.__rtShuttingDown = true;
}

/** Whether a SIGTERM/SIGINT has started this process's shutdown. */
export function isShuttingDown(): boolean {
  return globalThis.__rtShuttingDown === true;
}

/** Resolves with `fn`'s outcome, or false when it throws or takes longer than `ms`. */
export async function within(ms: number, fn: () => Promise<boolean>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([fn().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

export { latestMigrationWhen };

/** Whether the newest migration this code ships is applied to `db` (false when it cannot tell). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  try {
    const res = await db.execute(
      sql`select 1 from drizzle.__drizzle_migrations where created_at = ${latestMigrationWhen()} limit 1`,
    );
    return (res as unknown as { rows: unknown[] }).rows.length > 0;
  } catch {
    return false;
  }
}

async function checkDatabase(): Promise<{ database: boolean; migrations: boolean }> {
  // not open yet: the server is starting (it listens before its database is open)
  const db = openedDatabase()?.db;
  if (!db) return { database: false, migrations: false };
  const database = await within(CHECK_TIMEOUT_MS, async () => {
    await db.execute(sql`select 1`);
    return true;
  });
  if (!database) return { database, migrations: false };
  const migrations = await within(CHECK_TIMEOUT_MS, () => migrationsApplied(db));
  return { database, migrations };
}

/** A connection of its own for PING: it fails fast (no offline queue) and reconnects by itself. */
function readinessRedis(url: string): Redis {
  const clients = (globalThis.__rtReadyRedis ??= new Map());
  let redis = clients.get(url);
  if (!redis) {
    redis = new Redis(url, {
      connectionName: 'revivatech-ready',
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: CHECK_TIMEOUT_MS,
      retryStrategy: (times) => Math.min(times * 100, 2_000),
    });
    // failures show in /api/ready; ioredis emits one per failed reconnect
    redis.on('error', () => undefined);
    void redis.connect().catch(() => undefined);
    clients.set(url, redis);
  }
  return redis;
}

/** Redis answers PING on the readiness connection to `url`, within the check timeout. */
export async function checkRedis(url: string): Promise<boolean> {
  const redis = readinessRedis(url);
  const deadline = Date.now() + CHECK_TIMEOUT_MS;
  return within(CHECK_TIMEOUT_MS, async () => {
    // the first check (or one during a reconnect) waits for the connection, within the timeout
    while (redis.status !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return (await redis.ping()) === 'PONG';
  });
}

async function checkQueue(): Promise<boolean> {
  const boss = runningQueue();
  if (!boss) return false;
  return within(CHECK_TIMEOUT_MS, async () => (await boss.schemaVersion()) !== null);
}

/** Checks every part side by side; the first failing one is the reason. */
export async function checkReady(): Promise<Readiness> {
  const [db, redis, queue] = await Promise.all([
    checkDatabase(),
    env.REDIS_URL ? checkRedis(env.REDIS_URL) : Promise.resolve(undefined),
    checkQueue(),
  ]);
  const checks: ReadinessChecks = { ...db, ...(redis === undefined ? {} : { redis }), queue };
  let reason: string | undefined;
  if (isShuttingDown()) reason = 'shutting down';
  else if (!checks.database) reason = openedDatabase() ? 'database unreachable' : 'starting';
  else if (!checks.migrations) reason = 'migrations not applied';
  else if (checks.redis === false) reason = 'redis unreachable';
  else if (!checks.queue) reason = runningQueue() ? 'queue unreachable' : 'queue not started';
  return reason ? { status: 'not_ready', reason, checks } : { status: 'ready', checks };
}

/** Closes the readiness connection to Redis (shutdown). */
export async function closeReadiness(): Promise<void> {
  const clients = globalThis.__rtReadyRedis;
  globalThis.__rtReadyRedis = undefined;
  for (const redis of clients?.values() ?? []) redis.disconnect();
}
