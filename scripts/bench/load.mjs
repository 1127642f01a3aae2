#!/usr/bin/env node
/**
 * `npm run bench:load` (a benchmark, not a test): the scaled-out set-up of README "Production"
 * (two RUN_JOBS=false API instances and a worker behind nginx, on PostgreSQL and Redis; started by
 * scripts/lib/cluster.mjs) takes LOAD_BOOKINGS (10,000) bookings from LOAD_CLIENTS (200)
 * concurrent clients through nginx. Most are drop-offs over the shops' capacity-limited slots, so
 * slots fill up and requests race for the last places; the rest are mail-ins.
 *
 * Reports: answers by status, bookings/s, latency percentiles, and the targets:
 * - lost: bookings answered 201 that are not in the database (target 0);
 * - overbooked: slots holding more bookings than their capacity, counted from the 201s and from
 *   the database (target 0);
 * - 5xx (and network errors/timeouts) (target 0).
 * Exits 1 when a target is missed. Env: TEST_DATABASE_URL (a database is created and dropped),
 * TEST_REDIS_URL (DB 3), LOAD_PORT_BASE (3385), LOAD_BOOKINGS, LOAD_CLIENTS, LOAD_DROP_OFF_SHARE
 * (0.7), LOAD_SLOTS (drop-offs rotate over the first N open slots, default 300), LOAD_TIMEOUT_MS
 * (a client gives up on an answer after this long, default 60 s: counted as a failure).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { call, startCluster } from '../lib/cluster.mjs';

const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const redis = new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');
if (redis.pathname === '' || redis.pathname === '/') redis.pathname = '/3';
const num = (name, dflt) => (process.env[name] ? Number(process.env[name]) : dflt);
const TOTAL = num('LOAD_BOOKINGS', 10_000);
const CLIENTS = num('LOAD_CLIENTS', 200);
const DROP_OFF_SHARE = num('LOAD_DROP_OFF_SHARE', 0.7);
const SLOT_LIMIT = num('LOAD_SLOTS', 300);
const TIMEOUT_MS = num('LOAD_TIMEOUT_MS', 60_000);

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function runLoad(
  cluster,
  { total = TOTAL, clients = CLIENTS, log = console.log, onProgress } = {},
) {
  const base = cluster.base.nginx;
  const shops = (await (await call(base, '/api/shops')).json()).items.map((s) => s.slug);
  const ring = [];
  for (const shop of shops) {
    const items = (await (await call(base, `/api/shops/${shop}/slots`)).json()).items;
    for (const s of items)
      if (s.available > 0) ring.push({ shop, startsAt: s.startsAt, capacity: s.capacity });
  }
  ring.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.shop.localeCompare(b.shop));
  if (SLOT_LIMIT > 0) ring.splice(SLOT_LIMIT);
  const capacity = ring.reduce((n, s) => n + s.capacity, 0);
  log(`  ${ring.length} slots used for drop-offs (capacity ${capacity}), ${shops.length} shops`);

  const statuses = new Map();
  const created = new Map(); // reference -> slot key | null
  const perSlot = new Map();
  const latencies = [];
  const errors = [];
  let next = 0;
  const run = randomBytes(3).toString('hex');
  const t0 = performance.now();
  async function client() {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const dropOff = (i * 7919) % 1000 < DROP_OFF_SHARE * 1000 && ring.length > 0;
      const slot = dropOff ? ring[i % ring.length] : null;
      const body = {
        modelSlug: 'iphone-15',
        repairSlugs: ['screen-crack'],
        urgency: 'standard',
        service: slot
          ? { type: 'drop_off', shopSlug: slot.shop, slotStartsAt: slot.startsAt }
          : { type: 'mail_in' },
        customer: { name: 'Load Tester', email: `load-${run}-${i}@load.test` },
        paymentMethod: 'collection',
      };
      const started = performance.now();
      let status;
      try {
        const res = await call(base, '/api/bookings', { method: 'POST', json: body, timeoutMs: TIMEOUT_MS });
        status = res.status;
        const text = await res.text();
        if (status === 201) {
          const { reference } = JSON.parse(text);
          const key = slot ? `${slot.shop}|${slot.startsAt}` : null;
          created.set(reference, key);
          if (key) perSlot.set(key, (perSlot.get(key) ?? 0) + 1);
        } else if (status >= 500 && errors.length < 5) errors.push(`${status} ${text.slice(0, 200)}`);
      } catch (err) {
        status = err?.name === 'TimeoutError' ? 'timeout' : 'network';
        if (errors.length < 5) errors.push(String(err?.cause ?? err));
      }
      latencies.push(performance.now() - started);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      onProgress?.(i, status);
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);

  // the database's view
  const db = new pg.Client({ connectionString: cluster.dbUrl });
  await db.connect();
  const refs = [...created.keys()];
  const found = new Set(
    (await db.query('select reference from bookings where reference = any($1)', [refs])).rows.map(
      (r) => r.reference,
    ),
  );
  const lost = refs.filter((r) => !found.has(r));
  const dbOver = (
    await db.query(`select b.shop_slug, b.slot_starts_at, count(*)::int as n, max(r.capacity) as capacity
      from bookings b join slot_reservations r on r.shop_slug = b.shop_slug and r.starts_at = b.slot_starts_at
      where b.slot_starts_at is not null and b.status <> 'cancelled'
      group by b.shop_slug, b.slot_starts_at having count(*) > max(r.capacity)`)
  ).rows;
  const reservationsOver = (
    await db.query('select count(*)::int as n from slot_reservations where booked > capacity')
  ).rows[0].n;
  await db.end();
  const capacityOf = new Map(ring.map((s) => [`${s.shop}|${s.startsAt}`, s.capacity]));
  const ours = [...perSlot].filter(([k, n]) => n > (capacityOf.get(k) ?? 0)).length;
  const fiveXX = [...statuses]
    .filter(([s]) => typeof s === 'number' && s >= 500)
    .reduce((n, [, c]) => n + c, 0);
  const failed = (statuses.get('timeout') ?? 0) + (statuses.get('network') ?? 0);
  return {
    total,
    clients,
    seconds,
    perSecond: total / seconds,
    statuses: Object.fromEntries([...statuses].map(([k, v]) => [String(k), v])),
    created: created.size,
    dropOffsCreated: [...perSlot.values()].reduce((a, b) => a + b, 0),
    slotCapacity: capacity,
    lost: lost.length,
    overbooked: Math.max(ours, dbOver.length, reservationsOver),
    fiveXX,
    failed,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    max: latencies.at(-1) ?? 0,
    errors,
  };
}

export function printLoad(r, log = console.log) {
  log(
    `\n${r.total} bookings from ${r.clients} clients in ${r.seconds.toFixed(1)} s (${r.perSecond.toFixed(0)}/s)`,
  );
  log(`  answers: ${JSON.stringify(r.statuses)}`);
  log(`  created ${r.created} (drop-offs ${r.dropOffsCreated} of slot capacity ${r.slotCapacity})`);
  log(`  latency p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms`);
  log(
    `  lost ${r.lost}, overbooked ${r.overbooked}, 5xx ${r.fiveXX}, timeouts/network errors ${r.failed} (targets 0/0/0/0)`,
  );
  for (const e of r.errors) log(`  e.g. ${e}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let cluster;
  let code = 0;
  try {
    console.log(`bench:load: starting the cluster (PostgreSQL, Redis, A, B, worker, nginx)`);
    cluster = await startCluster({
      adminUrl,
      redisUrl: redis.toString(),
      portBase: num('LOAD_PORT_BASE', 3385),
      prefix: 'scale_load',
    });
    const r = await runLoad(cluster);
    printLoad(r);
    code = r.lost || r.overbooked || r.fiveXX || r.failed ? 1 : 0;
  } catch (err) {
    console.error('bench:load failed:', err);
    if (cluster) console.error(cluster.tail());
    code = 1;
  } finally {
    await cluster?.stop().catch(() => undefined);
  }
  process.exit(code);
}
