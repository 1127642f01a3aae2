/**
 * Once per integration run: one PGlite database, migrated and seeded exactly as on start-up, is
 * dumped to a temporary file; every suite's `startApp` loads that dump instead of running
 * initdb, the migrations and the seed again (about 3 s a suite on 2 cores, against about 1 s
 * for the load). The dump is made from the current migrations on every run, never reused
 * across runs.
 *
 * With TEST_DATABASE_URL the same is done on PostgreSQL: one database migrated and seeded here,
 * which every suite's database is created from (`CREATE DATABASE … TEMPLATE`: about 0.3 s
 * against about 2.5 s for migrating and seeding an empty one). Dropped when the run ends.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '@/server/db/client';
import { seedAll } from '@/server/entry/seed';
import { env } from '@/env';

async function adminQuery(url: string, text: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Migrates and seeds a new PostgreSQL database to copy; returns its name and how to drop it. */
async function postgresTemplate(url: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `rt_template_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = await openDatabase({ url: u.toString(), poolSize: 2 });
  try {
    await seedAll(handle.db);
  } finally {
    await handle.close();
  }
  return { name, drop: () => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The file holding the migrated, seeded PGlite dump (tests/integration/harness.ts). */
    pgliteTemplate: string;
    /** The migrated, seeded PostgreSQL database suites copy (empty without TEST_DATABASE_URL). */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const handle = await openDatabase({ dataDir: 'memory://' });
  let file: string;
  try {
    await seedAll(handle.db);
    const dump = await handle.pglite!.dumpDataDir('none');
    file = path.join(os.tmpdir(), `rt-pglite-template-${process.pid}-${Date.now()}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
  const pg = env.TEST_DATABASE_URL ? await postgresTemplate(env.TEST_DATABASE_URL) : null;
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', pg?.name ?? '');
  return async () => {
    fs.rmSync(file, { force: true });
    await pg?.drop();
  };
}
