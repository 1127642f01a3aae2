/**
 * The process-wide database, created lazily on first use (never at import time: `next build`
 * evaluates modules) and kept on globalThis: Next's server bundle and the Node server's own
 * modules are two module graphs in one process, and two PGlite instances on one folder
 * corrupt it.
 */
import { env } from '@/env';
import { logger } from '@/server/logger';
import { openDatabase, type DatabaseHandle, type Db } from './client';

declare global {
  var __rtDatabase: Promise<DatabaseHandle> | undefined;
  /** the handle once `__rtDatabase` has opened (undefined while it opens) */
  var __rtDatabaseOpen: DatabaseHandle | undefined;
}

export type { Db, DatabaseHandle } from './client';

export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalThis.__rtDatabase) {
    const started = Date.now();
    globalThis.__rtDatabase = openDatabase({
      url: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      poolSize: env.DATABASE_POOL_SIZE,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
    }).then(
      (handle) => {
        logger.info({ kind: handle.kind, ms: Date.now() - started }, 'database ready');
        globalThis.__rtDatabaseOpen = handle;
        return handle;
      },
      (err: unknown) => {
        globalThis.__rtDatabase = undefined;
        throw err;
      },
    );
  }
  return globalThis.__rtDatabase;
}

/**
 * The process database once it is open, without opening it (undefined while it opens):
 * readiness asks this, so a probe answered while the server starts says so and never opens the
 * data folder under the start.
 */
export function openedDatabase(): DatabaseHandle | undefined {
  return globalThis.__rtDatabase ? globalThis.__rtDatabaseOpen : undefined;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** For tests: install an already-open database as the process database. */
export function setDatabase(handle: DatabaseHandle): void {
  globalThis.__rtDatabase = Promise.resolve(handle);
  globalThis.__rtDatabaseOpen = handle;
}

export async function closeDatabase(): Promise<void> {
  const current = globalThis.__rtDatabase;
  globalThis.__rtDatabase = undefined;
  globalThis.__rtDatabaseOpen = undefined;
  if (current) await (await current).close();
}
