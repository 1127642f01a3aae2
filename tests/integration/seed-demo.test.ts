/**
 * Smoke test of `npm run seed:demo` (scripts/seed-demo.ts, scripts/lib/demo/*) on PGlite at a
 * small scale: it writes coherent rows in the real tables, a second run replaces the first,
 * and the command refuses a data folder the app holds. The demo's figures are never asserted
 * by the KPI tests; this only checks the rows hang together.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import { acquireDirLock } from '@/server/db/lock';
import { seedDemo, type DemoCounts } from '../../scripts/lib/demo/write';

const NOW = new Date('2026-06-15T11:00:00.000Z');
const OPTS = { now: NOW, scale: 0.4, days: 60, seed: 7 };

describe('demo seed (PGlite)', () => {
  let handle: DatabaseHandle;
  let first: DemoCounts;
  const one = async <T>(query: ReturnType<typeof sql>): Promise<T> => {
    const r = (await handle.db.execute(query)) as unknown as { rows: T[] };
    return r.rows[0]!;
  };

  beforeAll(async () => {
    handle = await openDatabase({
      dataDir: 'memory://',
      loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]),
    });
    first = await seedDemo(handle.db, OPTS);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('writes orders, money, ratings and funnel events', async () => {
    expect(first.orders).toBeGreaterThan(20);
    expect(first.bookings).toBe(first.orders);
    expect(first.payments).toBeGreaterThan(0);
    expect(first.invoices).toBe(first.payments);
    expect(first.ratings).toBeGreaterThan(0);
    expect(first.analyticsEvents).toBeGreaterThan(first.orders);
    const rows = await one<{ orders: number; techs: number; shops: number; statuses: number }>(sql`
      SELECT count(*)::int AS orders,
             count(DISTINCT assigned_technician_id)::int AS techs,
             count(DISTINCT shop_slug)::int AS shops,
             count(DISTINCT status)::int AS statuses
      FROM repair_orders`);
    expect(rows.orders).toBe(first.orders);
    expect(rows.techs).toBeGreaterThanOrEqual(4);
    expect(rows.shops).toBe(2);
    // an open queue as well as finished work
    expect(rows.statuses).toBeGreaterThanOrEqual(4);
  });

  it('gives every order its booking, and every payment an order of the same booking', async () => {
    const r = await one<{ orphans: number; unbooked: number; mismatched: number; overRefunded: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM repair_orders o LEFT JOIN bookings b ON b.id = o.booking_id WHERE b.id IS NULL) AS unbooked,
        (SELECT count(*)::int FROM bookings b LEFT JOIN repair_orders o ON o.booking_id = b.id WHERE o.id IS NULL) AS orphans,
        (SELECT count(*)::int FROM payments p JOIN repair_orders o ON o.id = p.order_id
           WHERE p.booking_id IS DISTINCT FROM o.booking_id) AS mismatched,
        (SELECT count(*)::int FROM payments p
           WHERE p.refunded_minor <> coalesce((SELECT sum(amount_minor) FROM payment_refunds r
                                               WHERE r.payment_id = p.id AND r.status = 'succeeded'), 0)
              OR (p.refunded_minor = p.amount_minor) <> (p.status = 'refunded')) AS "overRefunded"`);
    expect(r).toEqual({ orphans: 0, unbooked: 0, mismatched: 0, overRefunded: 0 });
  });

  it('rates only collected orders, after their collection, and follows the workflow', async () => {
    const r = await one<{
      badRatings: number;
      badCollected: number;
      badTimeline: number;
      badInvoices: number;
    }>(sql`
      SELECT
        (SELECT count(*)::int FROM repair_ratings r JOIN repair_orders o ON o.id = r.order_id
           WHERE o.status <> 'collected' OR r.created_at < o.collected_at OR r.shop_slug IS DISTINCT FROM o.shop_slug) AS "badRatings",
        (SELECT count(*)::int FROM repair_orders o
           WHERE (o.status = 'collected') <> (o.collected_at IS NOT NULL)
              OR (o.status = 'collected' AND (o.received_at IS NULL OR o.received_at > o.collected_at
                  OR o.warranty_ends_at IS NULL))) AS "badCollected",
        (SELECT count(*)::int FROM repair_orders o
           WHERE o.status <> coalesce((SELECT e.to_status FROM repair_order_events e WHERE e.order_id = o.id
                                        AND e.type IN ('created', 'status_changed')
                                        ORDER BY e.created_at DESC, e.id DESC LIMIT 1), '?')
              OR o.status_entered_at > ${NOW.toISOString()}::timestamptz) AS "badTimeline",
        (SELECT count(*)::int FROM (
           SELECT series, count(*) AS n, max(sequence) AS top, count(DISTINCT number) AS numbers
           FROM invoices GROUP BY series) s WHERE s.n <> s.top OR s.numbers <> s.n) AS "badInvoices"`);
    expect(r).toEqual({ badRatings: 0, badCollected: 0, badTimeline: 0, badInvoices: 0 });
  });

  it('overbooks no drop-off slot, and reserves exactly the confirmed drop-offs', async () => {
    const r = await one<{ over: number; mismatched: number; dropOffs: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM slot_reservations WHERE booked > capacity) AS over,
        (SELECT count(*)::int FROM bookings WHERE service_type = 'drop_off') AS "dropOffs",
        (SELECT count(*)::int FROM (
           SELECT b.shop_slug, b.slot_starts_at, count(*) AS n FROM bookings b
           WHERE b.service_type = 'drop_off' AND b.status = 'confirmed'
           GROUP BY 1, 2) c
         FULL JOIN slot_reservations s ON s.shop_slug = c.shop_slug AND s.starts_at = c.slot_starts_at
         WHERE coalesce(c.n, 0) <> coalesce(s.booked, 0)) AS mismatched`);
    expect(r.dropOffs).toBeGreaterThan(0);
    expect(r.over).toBe(0);
    expect(r.mismatched).toBe(0);
  });

  it('walks the booking funnel: each step reached by no more visits than the one before', async () => {
    const steps = ['start', 'device', 'repairs', 'service', 'details', 'submit', 'booked'];
    const r = (await handle.db.execute(sql`
      SELECT props->>'step' AS step, count(DISTINCT visit_id)::int AS visits
      FROM analytics_events WHERE name = 'funnel_step' GROUP BY 1`)) as unknown as {
      rows: Array<{ step: string; visits: number }>;
    };
    const visits = steps.map((s) => r.rows.find((x) => x.step === s)?.visits ?? 0);
    expect(visits[0]).toBeGreaterThan(visits[6]!);
    for (let i = 1; i < steps.length; i++) expect(visits[i]).toBeLessThanOrEqual(visits[i - 1]!);
    expect(visits[6]).toBeGreaterThan(0);
  });

  it('replaces its own rows on a second run (same seed and day: the same data)', async () => {
    const again = await seedDemo(handle.db, OPTS);
    expect(again.replacedOrders).toBe(first.orders);
    const { replacedOrders: _a, planMs: _b, writeMs: _c, ...counts } = again;
    const { replacedOrders: _d, planMs: _e, writeMs: _f, ...before } = first;
    expect(counts).toEqual(before);
    const r = await one<{ orders: number; events: number }>(sql`
      SELECT (SELECT count(*)::int FROM repair_orders) AS orders,
             (SELECT count(*)::int FROM analytics_events) AS events`);
    expect(r).toEqual({ orders: first.orders, events: first.analyticsEvents });
  });
});

describe('npm run seed:demo', () => {
  it('refuses a PGlite folder another process holds, with a clear message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-demo-lock-'));
    const lock = acquireDirLock(dir);
    try {
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/seed-demo.ts', '--data-dir', dir, '--scale', '0.01'],
        { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('seed:demo: refused');
      expect(r.stderr).toContain(`in use by another RevivaTech process (pid ${process.pid})`);
      expect(fs.existsSync(path.join(dir, 'pglite'))).toBe(false);
    } finally {
      lock.release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad --scale before touching anything', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-demo.ts', '--scale', 'lots'], {
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--scale must be a number');
  });
});
