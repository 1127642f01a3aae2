import path from 'node:path';
import fs from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import { logger } from '@/server/logger';
import { acquireDirLock, type DirLock } from './lock';

export type Schema = typeof schema;
/** Both drivers (PGlite and node-postgres) are a PgDatabase; transactions are too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** The PostgreSQL connection string (server mode only), e.g. for pg-boss's own pool. */
  url?: string;
  /** The raw PGlite instance (embedded mode only), e.g. for pg-boss. */
  pglite?: import('@electric-sql/pglite').PGlite;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  url?: string;
  /** PGlite folder (`memory://` for an in-memory database). */
  dataDir?: string;
  poolSize?: number;
  migrate?: boolean;
  /**
   * PGlite only: start from this dump (PGlite's `dumpDataDir`) instead of an empty cluster. The
   * integration tests copy one migrated, seeded database per suite this way.
   */
  loadDataDir?: Blob;
}

/** Migrations ship with the code and are applied on start-up. */
export const MIGRATIONS_DIR = path.join(process.cwd(), 'src/server/db/migrations');

export function migrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle connection the server closes (a restart, a failover, an admin's terminate) is
    // reported here; without a listener it would be an uncaught error that ends the process.
    // The pool drops that connection and opens a new one when next needed.
    pool.on('error', (err) => {
      logger.warn({ err: err.message }, 'an idle PostgreSQL connection was closed; the pool replaces it');
    });
    // The same for a connection checked out between two queries (a transaction's, while the
    // server shuts down: 57P01): pg emits 'error' on it with no listener, which ended the
    // process (bench:faults). The query in flight still fails, and the pool drops the client.
    pool.on('connect', (client) => {
      client.on('error', (err) => {
        logger.warn({ err: err.message }, 'a PostgreSQL connection in use was closed');
      });
    });
    const db = drizzle(pool, { schema }) as unknown as Db;
    if (opts.migrate !== false) {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      // several app instances may start at once: one migrates, the others wait
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(727274)');
        await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
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
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const pglite = await PGlite.create({ dataDir: pgDir, loadDataDir: opts.loadDataDir });
    const db = drizzle(pglite, { schema }) as unknown as Db;
    if (opts.migrate !== false) {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(drizzle(pglite, { schema }), { migrationsFolder: MIGRATIONS_DIR });
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

/** Readiness: the database answers and every shipped migration is applied. */
export async function checkReadiness(db: Db): Promise<{ database: boolean; migrations: boolean }> {
  try {
    await db.execute(sql`select 1`);
  } catch {
    return { database: false, migrations: false };
  }
  try {
    const res = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const rows = (res as unknown as { rows: Array<{ n: number }> }).rows;
    return { database: true, migrations: (rows[0]?.n ?? 0) >= migrationCount() };
  } catch {
    return { database: true, migrations: false };
  }
}
