import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDirLock, DataDirLockedError } from '@/server/db/lock';
import { BACKENDS, startApp, type TestApp } from './harness';

describe.each(BACKENDS)('operations endpoints on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  it('answers liveness and readiness (database reachable, migrations applied)', async () => {
    const health = await app.request('/api/health');
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    const ready = await app.request('/api/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: true, migrations: true },
      database: backend.name,
    });
  });

  it('publishes the OpenAPI document and a docs page', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/catalog/models',
      '/api/catalog/models/{slug}',
      '/api/pricing/quote',
      '/api/bookings',
      '/api/track/{reference}',
      '/api/shops',
      '/api/ready',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.components.schemas).toHaveProperty('Problem');
    const docs = await app.request('/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const asset = await app.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('data folder lock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-lock-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lets one owner in and gives a second a clear error', () => {
    const lock = acquireDirLock(dir);
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDirLock(dir)).toThrow(/in use by another RevivaTech process/);
    lock.release();
    acquireDirLock(dir).release();
  });

  it("refuses a second process on a locked folder, and takes over a dead owner's lock", () => {
    const lock = acquireDirLock(dir);
    const script = `import { acquireDirLock } from './src/server/db/lock.ts';
try { acquireDirLock(${JSON.stringify(dir)}); console.log('ACQUIRED'); } catch (e) { console.log('REFUSED: ' + e.message); }`;
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: process.cwd(),
        encoding: 'utf8',
      });
    const second = run();
    expect(second.stdout).toContain('REFUSED');
    expect(second.stdout).toContain(`pid ${process.pid}`);
    lock.release();

    // a lock file left by a process that no longer exists is stale
    fs.writeFileSync(path.join(dir, 'revivatech.lock'), '999999');
    const third = run();
    expect(third.stdout).toContain('ACQUIRED');
  });
});
