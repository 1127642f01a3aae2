/**
 * The full server listens before its database is open (src/server/entry/full-server.ts): a
 * readiness probe answered then says the process is starting, and never opens the data folder
 * itself (that would race the database image's copy and the start's own opening).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkReady } from '@/server/readiness';

const STARTING = {
  status: 'not_ready',
  reason: 'starting',
  checks: { database: false, migrations: false, queue: false },
};

describe('readiness while the server starts', () => {
  const saved = { opening: globalThis.__rtDatabase, open: globalThis.__rtDatabaseOpen };
  afterEach(() => {
    globalThis.__rtDatabase = saved.opening;
    globalThis.__rtDatabaseOpen = saved.open;
  });

  it('is "starting" before the start opens the database, and does not open it', async () => {
    globalThis.__rtDatabase = undefined;
    globalThis.__rtDatabaseOpen = undefined;
    expect(await checkReady()).toEqual(STARTING);
    expect(globalThis.__rtDatabase).toBeUndefined();
  });

  it('is "starting" while the database opens', async () => {
    globalThis.__rtDatabase = new Promise(() => undefined);
    globalThis.__rtDatabaseOpen = undefined;
    expect(await checkReady()).toEqual(STARTING);
  });
});
