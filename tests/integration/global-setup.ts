/**
 * Once per integration run: one PGlite database, migrated and seeded exactly as on start-up, is
 * dumped to a temporary file; every suite's `startApp` loads that dump instead of running
 * initdb, the migrations and the seed again (about 3 s a suite on 2 cores, against about 1 s
 * for the load). The dump is made from the current migrations on every run, never reused
 * across runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '@/server/db/client';
import { seedAll } from '@/server/entry/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The file holding the migrated, seeded PGlite dump (tests/integration/harness.ts). */
    pgliteTemplate: string;
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
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(file, { force: true });
}
