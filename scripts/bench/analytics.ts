/**
 * `npm run bench -- analytics`: how fast every analytics metric (server/registry.ts METRICS)
 * answers for a year of a busy shop. Seeds a fresh PGlite (a temporary folder) with the demo
 * data x10, then times each metric for the last 365 days, all shops and one shop, several runs
 * (p50/p95, target < 300 ms per widget); logs each metric's SQL (a drizzle logger) and EXPLAINs
 * it, flagging sequential scans over big tables. With TEST_DATABASE_URL (or DATABASE_URL) the
 * same runs on PostgreSQL, in a temporary database created and dropped on that server.
 *
 * Environment: BENCH_ANALYTICS_SCALE (10), BENCH_ANALYTICS_RUNS (5), BENCH_ANALYTICS_DATA_DIR
 * (reuse a PGlite folder already seeded with the demo instead of a fresh one; kept afterwards),
 * BENCH_ANALYTICS_METRICS (only these metric ids, comma-separated).
 * A report: exits 1 only when a metric failed or the bench could not run; a slow metric is BELOW.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { env } from '@/env';
import { openDatabase, type DatabaseHandle, type Db } from '@/server/db/client';
import { seedAll } from '@/server/entry/seed';
import { METRICS } from '@/features/analytics/server/registry';
import type { MetricId } from '@/features/analytics/metrics';
import { seedDemo } from '../lib/demo/write';
import {
  closePlanRunners,
  explainQueries,
  loggingDb,
  type CapturedQuery,
  type PlanFinding,
} from './analytics-plans';
import { yearScope } from './analytics-scope';

const TARGET_MS = 300;
const num = (name: string, fallback: number) => {
  const raw = process.env[name]?.trim();
  const n = raw ? Number(raw) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return n;
};
const SCALE = num('BENCH_ANALYTICS_SCALE', 10);
const RUNS = Math.round(num('BENCH_ANALYTICS_RUNS', 5));
const REUSE_DIR = process.env.BENCH_ANALYTICS_DATA_DIR?.trim() || undefined;
/** only these metrics (comma-separated ids); all by default */
const ONLY = new Set(
  (process.env.BENCH_ANALYTICS_METRICS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

interface Row {
  metric: MetricId;
  scope: 'all shops' | 'one shop';
  p50: number;
  p95: number;
  runsMs: number[];
  /**
   * CPU time of this process per run (p50): on PGlite the database runs in this process, so it
   * is the work itself, much less swayed than wall time by other processes on a loaded machine
   */
  cpuP50: number;
  queries: number;
  findings: PlanFinding[];
  error?: string;
}

const log = (s = '') => process.stdout.write(`${s}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function seeded(
  kind: 'pglite' | 'postgres',
): Promise<{ handle: DatabaseHandle; done(): Promise<void> }> {
  if (kind === 'pglite') {
    const dir = REUSE_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-analytics-'));
    const handle = await openDatabase({ dataDir: dir });
    const existing = await handle.db.execute(
      sql`SELECT count(*)::int AS n FROM bookings WHERE tracking_token_hash LIKE 'demo:%'`,
    );
    const n = ((existing as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0) as number;
    if (!REUSE_DIR || n === 0) await seedTimed(handle.db, 'PGlite');
    else log(`  reusing ${dir}: ${n} demo orders already there`);
    return {
      handle,
      async done() {
        await handle.close();
        if (!REUSE_DIR) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = (env.TEST_DATABASE_URL ?? env.DATABASE_URL)!;
  const { default: pg } = await import('pg');
  const name = `rt_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const handle = await openDatabase({ url: u.toString(), poolSize: 4 });
  await seedTimed(handle.db, 'PostgreSQL');
  return {
    handle,
    async done() {
      await handle.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function seedTimed(db: Db, label: string) {
  const t = Date.now();
  await seedAll(db);
  const c = await seedDemo(db, { now: new Date(), scale: SCALE, days: 365, seed: 20260101 });
  log(
    `  seeded the demo x${SCALE} on ${label} in ${((Date.now() - t) / 1000).toFixed(1)} s ` +
      `(plan ${(c.planMs / 1000).toFixed(1)} s, inserts ${(c.writeMs / 1000).toFixed(1)} s): ` +
      `${c.orders} orders, ${c.events} timeline events, ${c.payments} payments, ${c.analyticsEvents} tracker events`,
  );
}

async function benchBackend(kind: 'pglite' | 'postgres'): Promise<Row[]> {
  const label = kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
  log(`\n${label}: seeding…`);
  const { handle, done } = await seeded(kind);
  const rows: Row[] = [];
  try {
    const shop = (await handle.db.execute(
      sql`SELECT slug, time_zone FROM shops ORDER BY created_at, slug LIMIT 1`,
    )) as unknown as {
      rows: Array<{ slug: string; time_zone: string }>;
    };
    const first = shop.rows[0]!;
    const now = new Date();
    const scopes = [
      ['all shops', yearScope(now, first.time_zone, null)],
      ['one shop', yearScope(now, first.time_zone, [first.slug])],
    ] as const;
    const captured: CapturedQuery[] = [];
    const logged = await loggingDb(handle, captured);
    for (const [metric, fn] of Object.entries(METRICS) as Array<[MetricId, (typeof METRICS)[MetricId]]>) {
      if (ONLY.size > 0 && !ONLY.has(metric)) continue;
      for (const [scopeName, scope] of scopes) {
        const row: Row = {
          metric,
          scope: scopeName,
          p50: NaN,
          p95: NaN,
          runsMs: [],
          cpuP50: NaN,
          queries: 0,
          findings: [],
        };
        try {
          captured.length = 0;
          await fn(logged, scope); // warm-up, and the queries it runs
          row.queries = captured.length;
          row.findings = await explainQueries(handle, captured);
          const cpuMs: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            const t = performance.now();
            const cpu = process.cpuUsage();
            await fn(handle.db, scope);
            row.runsMs.push(performance.now() - t);
            const used = process.cpuUsage(cpu);
            cpuMs.push((used.user + used.system) / 1000);
          }
          row.cpuP50 = pct(cpuMs, 50);
          row.p50 = pct(row.runsMs, 50);
          row.p95 = pct(row.runsMs, 95);
        } catch (err) {
          row.error = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 200) : String(err);
        }
        rows.push(row);
        // each result as it comes (a slow metric shows up before the whole table)
        log(
          `  ${metric} (${scopeName}): ${row.error ? `ERROR ${row.error}` : `p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, cpu p50 ${row.cpuP50.toFixed(0)} ms`}, ` +
            `${row.queries} queries${row.findings.length ? `, seq scans: ${row.findings.map((f) => f.relation).join(', ')}` : ''}`,
        );
      }
    }
    log();
  } finally {
    await closePlanRunners(handle);
    await done();
  }
  printTable(label, rows);
  return rows;
}

function printTable(label: string, rows: Row[]) {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const header = ['metric', 'scope', 'p50 ms', 'p95 ms', 'queries', 'seq scans on big tables', 'verdict'];
  const body = rows.map((r) => [
    r.metric,
    r.scope,
    fmt(r.p50),
    fmt(r.p95),
    String(r.queries),
    r.findings.map((f) => `${f.relation} (${f.rows})`).join(', ') || '-',
    r.error ? `ERROR ${r.error}` : r.p95 < TARGET_MS ? 'PASS' : 'BELOW',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  log(`\n${label}, last 365 days, ${RUNS} runs each (target p95 < ${TARGET_MS} ms per widget):\n`);
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) log(line(b));
}

async function main(): Promise<number> {
  log(`Analytics benchmark: demo x${SCALE}, ${Object.keys(METRICS).length} metrics, ${RUNS} runs each`);
  log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const results: Record<string, Row[]> = { pglite: await benchBackend('pglite') };
  if (env.TEST_DATABASE_URL ?? env.DATABASE_URL) results.postgres = await benchBackend('postgres');
  const all = Object.values(results).flat();
  const failed = all.filter((r) => r.error);
  const slow = all.filter((r) => !r.error && !(r.p95 < TARGET_MS));
  const scans = all.filter((r) => r.findings.length > 0);
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync(
    'bench-results/analytics.json',
    JSON.stringify(
      { generatedAt: new Date().toISOString(), scale: SCALE, runs: RUNS, targetMs: TARGET_MS, results },
      null,
      2,
    ) + '\n',
  );
  log(
    `\n${failed.length || slow.length ? 'FAIL' : 'PASS'}: ${all.length - failed.length - slow.length}/${all.length} metric runs under ${TARGET_MS} ms (p95)` +
      (slow.length
        ? `; BELOW: ${slow.map((r) => `${r.metric} (${r.scope}) ${r.p95.toFixed(0)} ms`).join(', ')}`
        : '') +
      (failed.length ? `; ERRORS: ${failed.map((r) => r.metric).join(', ')}` : '') +
      `; ${scans.length} with sequential scans over big tables. Wrote bench-results/analytics.json`,
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(
      `bench analytics failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exit(1);
  },
);
