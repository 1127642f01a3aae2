/**
 * PostgreSQL unreachable while the app runs: the API answers 503 with Retry-After at once (no
 * hang, no 500), /api/ready says why, and the app recovers by itself, without a restart, within
 * 5 s of the database returning. The app reaches the real PostgreSQL through a small TCP proxy
 * in this test, which "cuts" the database the two ways an outage looks from the app: refused
 * (the server is stopped: open connections reset, new ones refused) and silent (a network
 * partition: connections accepted, nothing answered). Needs TEST_DATABASE_URL (CI sets it); the
 * shared server itself is never stopped.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '@/env';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import { closeDatabase, setDatabase } from '@/server/db/runtime';
import { seedAll } from '@/server/entry/seed';
import { getApi } from '@/server/entry/api';
import { clearCache } from '@/server/cache';
import { startQueue, stopQueue } from '@/server/queue';
import { drainOutbox } from '@/server/outbox';
import { resetAuth } from '@/features/auth/server/auth';
import { bookingBody } from './harness';

const DB = env.TEST_DATABASE_URL;

interface Proxy {
  port: number;
  /** `refuse`: reset open connections, refuse new ones; `silent`: also reset, then accept and never answer */
  cut(mode: 'refuse' | 'silent'): void;
  restore(): void;
  close(): Promise<void>;
}

function startProxy(target: URL): Promise<Proxy> {
  let mode: 'open' | 'refuse' | 'silent' = 'open';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (mode === 'refuse') return void client.destroy();
    if (mode === 'silent') return; // held open, never forwarded
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const resetAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        cut(m) {
          mode = m;
          resetAll();
        },
        restore() {
          mode = 'open';
          resetAll();
        },
        close: () => {
          resetAll();
          return new Promise((r) => server.close(() => r()));
        },
      }),
    ),
  );
}

describe.skipIf(!DB)('a PostgreSQL outage (skipped: needs TEST_DATABASE_URL)', () => {
  const dbName = `ops_outage_${randomBytes(5).toString('hex')}`;
  let proxy: Proxy;
  let server: http.Server;
  let base = '';
  let handle: DatabaseHandle;

  const book = () =>
    fetch(`${base}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bookingBody({ customer: { name: 'Outage Olive', email: 'olive@example.com' } })),
    });
  const ready = () => fetch(`${base}/api/ready`);

  /** Polls until both a booking and readiness succeed; fails after `ms` (5 s: the recovery target). */
  async function recoversWithin(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    let last = '';
    for (;;) {
      const [b, r] = await Promise.all([book(), ready()]);
      if (b.status === 201 && r.status === 200) return;
      last = `booking ${b.status}, ready ${r.status}`;
      if (Date.now() > deadline) throw new Error(`not recovered within ${ms} ms (${last})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function expectUnavailable(): Promise<void> {
    const b = await book();
    expect(b.status).toBe(503);
    expect(b.headers.get('retry-after')).toBe('5');
    expect(b.headers.get('content-type')).toContain('application/problem+json');
    expect(await b.json()).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    expect(await r.json()).toMatchObject({
      status: 'not_ready',
      reason: 'database unreachable',
      checks: { database: false },
    });
  }

  /**
   * No connection stays checked out after the outage (each leaked one would shrink the pool).
   * The last booking's staff notice is carried out after its commit (src/server/outbox.ts):
   * that flush is waited for first, as it holds a connection while it runs.
   */
  async function expectNoConnectionHeld(): Promise<void> {
    await drainOutbox(handle.db);
    const pool = (handle.db as unknown as { $client: { totalCount: number; idleCount: number } }).$client;
    expect(pool.totalCount - pool.idleCount).toBe(0);
  }

  beforeAll(async () => {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: DB });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    proxy = await startProxy(new URL(DB!));
    const viaProxy = new URL(DB!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    viaProxy.pathname = `/${dbName}`;

    await clearCache();
    resetAuth();
    // short waits so the silent outage answers within the test's patience (defaults: 5 s, 30 s)
    handle = await openDatabase({
      url: viaProxy.toString(),
      poolSize: 5,
      connectTimeoutMs: 1_000,
      queryTimeoutMs: 3_000,
    });
    await seedAll(handle.db);
    setDatabase(handle);
    await startQueue({ handle });
    server = http.createServer(getRequestListener(getApi().fetch));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await stopQueue().catch(() => undefined);
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await closeDatabase().catch(() => undefined);
    resetAuth();
    await proxy?.close();
    await clearCache();
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: DB });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('answers 503 with Retry-After while the server is down, and recovers within 5 s of its return', async () => {
    expect((await book()).status).toBe(201);
    expect((await ready()).status).toBe(200);

    proxy.cut('refuse');
    await expectUnavailable();
    await expectUnavailable();

    proxy.restore();
    await recoversWithin(5_000);
    await expectNoConnectionHeld();
  });

  it('answers 503 (not a hang) when the database stops answering, and recovers within 5 s', async () => {
    proxy.cut('silent');
    await expectUnavailable();

    proxy.restore();
    await recoversWithin(5_000);
    await expectNoConnectionHeld();
  });
});
