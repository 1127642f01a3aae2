import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '@/server/logger';
import { enqueue, ensureQueue, startQueue, startWorkers, stopQueue } from '@/server/queue';
import { latestMigrationWhen, READY_RETRY_AFTER_SECONDS } from '@/server/readiness';
import { withLogContext } from '@/server/request-context';
import { EMAIL_QUEUES } from '@/features/email/server/queues';
import { acquireDirLock, DataDirLockedError } from '@/server/db/lock';
import { BACKENDS, bookingBody, startApp, type TestApp } from './harness';

describe.each(BACKENDS)('operations endpoints on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(async () => {
    await stopQueue();
    await app.close();
  });

  it('answers liveness, and readiness only once database, migrations and queue answer', async () => {
    const health = await app.request('/api/health');
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');

    // the harness opens the database but starts no queue: not ready yet, and says why
    const early = await app.request('/api/ready');
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe(String(READY_RETRY_AFTER_SECONDS));
    expect(await early.json()).toEqual({
      status: 'not_ready',
      reason: 'queue not started',
      checks: { database: true, migrations: true, queue: false },
    });

    await startQueue({ handle: app.handle });
    const ready = await app.request('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: true, migrations: true, queue: true },
      database: backend.name,
    });
  });

  it("is not ready while the journal's newest migration is missing from the database", async () => {
    const newest = sql`from drizzle.__drizzle_migrations where created_at = ${latestMigrationWhen()}`;
    const res = await app.handle.db.execute(sql`select id, hash, created_at ${newest}`);
    const row = (res as unknown as { rows: Array<{ id: number; hash: string; created_at: string }> })
      .rows[0]!;
    await app.handle.db.execute(sql`delete ${newest}`);
    try {
      const pending = await app.request('/api/ready');
      expect(pending.status).toBe(503);
      expect(await pending.json()).toMatchObject({
        status: 'not_ready',
        reason: 'migrations not applied',
        checks: { database: true, migrations: false },
      });
    } finally {
      await app.handle.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${row.id}, ${row.hash}, ${row.created_at})`,
      );
    }
    expect((await app.request('/api/ready')).status).toBe(200);
  });

  it("carries a request's id into the jobs it enqueues, and the worker logs it with the job's id", async () => {
    // a booking queues its confirmation e-mail in its transaction (the queue must exist)
    await ensureQueue(EMAIL_QUEUES.deliver);
    const reqId = `ops-${randomBytes(4).toString('hex')}`;
    const booked = await app.request('/api/bookings', {
      method: 'POST',
      headers: { 'x-request-id': reqId },
      json: bookingBody({ customer: { name: 'Request Id', email: 'request.id@example.com' } }),
    });
    expect(booked.status).toBe(201);
    expect(booked.headers.get('x-request-id')).toBe(reqId);
    const jobs = await app.handle.db.execute(
      sql`select data->>'reqId' as "reqId" from pgboss.job where name = ${EMAIL_QUEUES.deliver} and data->>'reqId' = ${reqId}`,
    );
    expect((jobs as unknown as { rows: unknown[] }).rows.length).toBeGreaterThan(0);

    // a worker registered like the domains' ones: what its job logs carries jobId and reqId
    const stream = (logger as unknown as Record<symbol, { write(s: string): boolean }>)[
      pino.symbols.streamSym
    ]!;
    const write = stream.write;
    const lines: Array<Record<string, unknown>> = [];
    stream.write = (line: string) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    };
    try {
      let ran: (id: string) => void = () => undefined;
      const done = new Promise<string>((resolve) => (ran = resolve));
      await startWorkers([
        async (boss) => {
          await ensureQueue('ops-request-id');
          await boss.work('ops-request-id', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
            logger.warn({ step: 'inside' }, 'test job ran');
            ran(job!.id);
          });
        },
      ]);
      const jobId = await withLogContext({ reqId }, () => enqueue('ops-request-id', { n: 1 }));
      expect(await done).toBe(jobId);
      expect(lines.find((l) => l.msg === 'test job ran')).toMatchObject({ jobId, reqId, step: 'inside' });
    } finally {
      stream.write = write;
    }
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
