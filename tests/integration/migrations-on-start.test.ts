/**
 * Opening the database at start-up (src/server/db/client.ts) runs drizzle's migrator only when
 * the journal's newest migration is not recorded yet: a current database is opened with one
 * query, and a migration this code ships but the database lacks is still applied. PGlite here;
 * the PostgreSQL path asks the same question (`migrationsAreCurrent`) before its advisory lock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  MIGRATIONS_DIR,
  latestMigrationWhen,
  migrationCount,
  openDatabase,
  type DatabaseHandle,
} from '@/server/db/client';

/** drizzle's migrator, counted: every call still migrates */
const migrate = vi.hoisted(() => vi.fn());
vi.mock('drizzle-orm/pglite/migrator', async (original) => {
  const actual = await original<typeof import('drizzle-orm/pglite/migrator')>();
  return {
    migrate: (...args: Parameters<typeof actual.migrate>) => {
      migrate();
      return actual.migrate(...args);
    },
  };
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-migrations-on-start-'));
const template = () => new Blob([fs.readFileSync(inject('pgliteTemplate'))]);

/** The shipped migrations plus one newer: a release whose migration this database lacks. */
function foldersWithOneMore(): string {
  const folder = path.join(tmp, 'migrations');
  fs.cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
    entries: Array<{ idx: number; version: string; when: number; tag: string; breakpoints: boolean }>;
  };
  const last = journal.entries.at(-1)!;
  const tag = `${String(last.idx + 1).padStart(4, '0')}_start_probe`;
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag });
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  fs.writeFileSync(path.join(folder, `${tag}.sql`), 'CREATE TABLE "start_probe" ("id" integer PRIMARY KEY);');
  return folder;
}

async function recorded(handle: DatabaseHandle): Promise<number> {
  const res = await handle.db.execute<{ n: number }>(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return (res as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
}

describe('migrations on start-up', () => {
  const open: DatabaseHandle[] = [];
  beforeEach(() => migrate.mockClear());
  afterAll(async () => {
    for (const h of open) await h.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('does not run the migrator on a database that holds the newest migration', async () => {
    const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: template() });
    open.push(handle);
    expect(migrate).not.toHaveBeenCalled();
    const newest = await handle.db.execute<{ newest: string }>(
      sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`,
    );
    expect(Number((newest as unknown as { rows: Array<{ newest: string }> }).rows[0]!.newest)).toBe(
      latestMigrationWhen(),
    );
  });

  it("starts PGlite with a 32 MB buffer pool, not the data folder's 128 MB (filled on every start)", async () => {
    const handle = open[0]!;
    const shown = await handle.db.execute<{ shared_buffers: string }>(sql`show shared_buffers`);
    expect((shown as unknown as { rows: Array<{ shared_buffers: string }> }).rows[0]?.shared_buffers).toBe(
      '32MB',
    );
  });

  it('applies a migration the database does not have yet, then skips the migrator again', async () => {
    const migrationsFolder = foldersWithOneMore();
    const dataDir = path.join(tmp, 'data');
    // a database from the current release (the template), then opened by the next release
    const made = await openDatabase({ dataDir, loadDataDir: template() });
    const before = await recorded(made);
    await made.close();

    const upgraded = await openDatabase({ dataDir, migrationsFolder });
    expect(migrate).toHaveBeenCalledTimes(1);
    expect(await recorded(upgraded)).toBe(before + 1);
    await upgraded.db.execute(sql`insert into start_probe (id) values (1)`);
    await upgraded.close();

    migrate.mockClear();
    const again = await openDatabase({ dataDir, migrationsFolder });
    open.push(again);
    expect(migrate).not.toHaveBeenCalled();
    expect(await recorded(again)).toBe(before + 1);
  });

  it('runs the migrator on a new database (no migrations table yet)', async () => {
    const empty = await openDatabase({ dataDir: 'memory://' });
    open.push(empty);
    expect(migrate).toHaveBeenCalledTimes(1);
    expect(await recorded(empty)).toBe(migrationCount());
  });
});
