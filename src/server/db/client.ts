import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema';
import { logger } from '@/server/logger';
import { acquireDirLock, type DirLock } from './lock';
import { leakProofPool } from './pg-pool';

export type Schema = typeof schema;
/** Both drivers (PGlite and node-postgres) are a PgDatabase; transactions are too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** The PostgreSQL connection string (server mode only), e.g. for pg-boss's own pool. */
  url?: string;
  /**
   * The PGlite instance (embedded mode only), e.g. for pg-boss: by default the worker-thread
   * proxy (pglite-thread.ts), which answers the same query/exec/transaction/dumpDataDir calls.
   */
  pglite?: import('@electric-sql/pglite').PGlite;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  url?: string;
  /** PGlite folder (`memory://` for an in-memory database). */
  dataDir?: string;
  poolSize?: number;
  /** PostgreSQL: ms to wait for a pooled or new connection before failing (default 5 s). */
  connectTimeoutMs?: number;
  /** PostgreSQL: ms one query may take before it fails, the network's silence included (default 30 s). */
  queryTimeoutMs?: number;
  migrate?: boolean;
  /** The migrations to apply (default: the ones this code ships, MIGRATIONS_DIR). */
  migrationsFolder?: string;
  /**
   * PGlite only: start from this dump (PGlite's `dumpDataDir`) instead of an empty cluster. The
   * integration tests copy one migrated, seeded database per suite this way.
   */
  loadDataDir?: Blob;
  /**
   * PGlite only: run the database in a worker thread (default), so its WebAssembly does not
   * take the caller's event loop; false runs it in this thread.
   */
  worker?: boolean;
}

/** Migrations ship with the code and are applied on start-up. */
export const MIGRATIONS_DIR = path.join(process.cwd(), 'src/server/db/migrations');

interface Journal {
  entries: Array<{ when: number }>;
}

const journals = new Map<string, Journal>();
function journalOf(folder: string): Journal {
  let journal = journals.get(folder);
  if (!journal) {
    journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as Journal;
    journals.set(folder, journal);
  }
  return journal;
}

/** How many migrations this code ships (the journal's entries). */
export function migrationCount(): number {
  return journalOf(MIGRATIONS_DIR).entries.length;
}

/** The `when` of the journal's newest migration (drizzle records it as `created_at`). */
export function latestMigrationWhen(folder = MIGRATIONS_DIR): number {
  return Math.max(...journalOf(folder).entries.map((e) => e.when));
}

type RunQuery = (text: string) => Promise<{ rows: Array<Record<string, unknown>> }>;

/**
 * Whether the database already holds the journal's newest migration: then drizzle's migrate()
 * would apply nothing (it applies each migration newer than the newest `created_at` recorded),
 * and a start skips it, with its reading and hashing of every migration file and its five
 * statements (README, "Start-up time"). False when the migrations table is missing.
 */
export async function migrationsAreCurrent(query: RunQuery, folder = MIGRATIONS_DIR): Promise<boolean> {
  try {
    const { rows } = await query('select max(created_at) as newest from drizzle.__drizzle_migrations');
    const newest = rows[0]?.newest;
    return newest !== null && newest !== undefined && Number(newest) >= latestMigrationWhen(folder);
  } catch {
    return false;
  }
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    // A database outage must fail requests fast (503, see http/errors.ts) rather than hang them:
    // bounded waits for a connection and for each query; a connection that failed is dropped
    // and the next request opens a new one, so the app recovers as soon as the server is back.
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      query_timeout: opts.queryTimeoutMs ?? 30_000,
      keepAlive: true,
    });
    // An idle connection the server closes (a restart, a failover, an admin's terminate) is
    // reported here; without a listener it would be an uncaught error that ends the process.
    // The pool drops that connection and opens a new one when next needed.
    pool.on('error', (err) => {
      logger.warn({ err: err.message }, 'an idle PostgreSQL connection was closed; the pool replaces it');
    });
    // A connection lost while checked out (in a transaction) errors its queries, which the
    // request answers as 503; its 'error' event must have a listener too, or it would end the
    // process. The pool drops such a connection when it is released.
    pool.on('connect', (client) => {
      client.on('error', (err) => logger.debug({ err: err.message }, 'a PostgreSQL connection failed'));
    });
    const db = drizzle(leakProofPool(pool), { schema }) as unknown as Db;
    const migrationsFolder = opts.migrationsFolder ?? MIGRATIONS_DIR;
    if (
      opts.migrate !== false &&
      !(await migrationsAreCurrent((text) => pool.query(text), migrationsFolder))
    ) {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      // several app instances may start at once: one migrates, the others wait
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(727274)');
        await migrate(drizzle(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
        client.release();
      }
    }
    return { db, kind: 'postgres', url: opts.url, close: () => pool.end() };
  }

  const dataDir = opts.dataDir ?? './data';
  const inMemory = dataDir.startsWith('memory://');
  let lock: DirLock | undefined;
  let pgDir = dataDir;
  if (!inMemory) {
    lock = acquireDirLock(dataDir);
    pgDir = path.join(dataDir, 'pglite');
  }
  try {
    const { drizzle } = await import('drizzle-orm/pglite');
    let pglite: import('@electric-sql/pglite').PGlite;
    if (opts.worker === false) {
      const { PGlite } = await import('@electric-sql/pglite');
      // the extensions the migrations create (pglite-worker.mjs loads the same)
      const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
      pglite = await PGlite.create({
        dataDir: pgDir,
        loadDataDir: opts.loadDataDir,
        extensions: { pg_trgm },
        // as pglite-worker.mjs: a smaller buffer pool, filled on every start
        startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
      });
    } else {
      const { PGliteThread } = await import('./pglite-thread');
      // the proxy speaks the part of PGlite's interface drizzle and pg-boss use
      pglite = (await PGliteThread.create({
        dataDir: pgDir,
        loadDataDir: opts.loadDataDir,
      })) as unknown as import('@electric-sql/pglite').PGlite;
    }
    const db = drizzle(pglite, { schema }) as unknown as Db;
    const migrationsFolder = opts.migrationsFolder ?? MIGRATIONS_DIR;
    if (
      opts.migrate !== false &&
      !(await migrationsAreCurrent((text) => pglite.query(text), migrationsFolder))
    ) {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(drizzle(pglite, { schema }), { migrationsFolder });
    }
    return {
      db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await pglite.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
