#!/usr/bin/env node
/**
 * `npm run bench`: an HTTP benchmark of the production server (see docs/benchmarks.md).
 *
 * 1. builds Next if the build is stale, starts `node scripts/start.mjs` on a free port with a
 *    fresh, temporary DATA_DIR (PGlite) — or against BENCH_DATABASE_URL (PostgreSQL);
 * 2. starts the ceiling (scripts/bench/ceiling.mjs, a bare node:http server) in its own process;
 * 3. runs autocannon against each target for BENCH_DURATION seconds after a short warm-up:
 *    ceiling, catalogue search, pricing quote, booking creation (every request a new booking);
 * 4. checks that no drop-off slot was overbooked;
 * 5. measures e-mail delivery after the booking load: the outbox backlog (confirmations queued
 *    or sending) when the load stops, e-mails delivered per second over BENCH_MAIL_SECONDS, and
 *    the backlog left then (read through the admin e-mail API; no SMTP: the outbox delivers);
 * 6. prints a table and writes bench-results/latest.json.
 *
 * Parts: `npm run bench` runs both; `npm run bench -- http` only the HTTP benchmark above;
 * `npm run bench -- analytics` only the analytics part (scripts/bench/analytics.ts: every
 * dashboard metric on the demo seed x10, PGlite and PostgreSQL when TEST_DATABASE_URL is set;
 * see docs/benchmarks-analytics.md).
 *
 * It is a report, not a test: it exits 0 when a target is BELOW, and non-zero only when the
 * bench could not run, a pre-flight request failed, the app answered 5xx, or a slot was overbooked.
 *
 * Environment: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2), BENCH_CONNECTIONS
 * (default 50), BENCH_DROP_OFF_SHARE (share of bookings that are drop-offs, default 0.2),
 * BENCH_SLOTS (drop-offs rotate over only the first N open slots; default 0 = all of them),
 * BENCH_DATABASE_URL (optional PostgreSQL URL, passed to the server as DATABASE_URL),
 * BENCH_MAIL_SECONDS (how long e-mail delivery is watched after the load, default 20).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { buildIsFresh } from './lib/build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// configuration

function numberFromEnv(name, fallback, { min = 0, integer = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new BenchError(`${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min} (got "${raw}").`);
  }
  return n;
}

class BenchError extends Error {}

const PARTS = ['http', 'analytics', 'start', 'lighthouse'];
const askedParts = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const p of askedParts) {
  if (!PARTS.includes(p)) {
    console.error(`bench: unknown part "${p}" (parts: ${PARTS.join(', ')})`);
    process.exit(2);
  }
}
const parts = askedParts.length ? askedParts : PARTS;

/** The analytics part, in its own process (TypeScript through tsx, like the seed scripts). */
function runAnalyticsPart() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bench/analytics.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') },
  });
  return r.status ?? 1;
}

/** A part that is a script of its own (scripts/bench/<part>.mjs). */
function runScriptPart(script) {
  return spawnSync(process.execPath, [path.join(root, script)], { cwd: root, stdio: 'inherit' }).status ?? 1;
}

let config;
try {
  config = {
    duration: numberFromEnv('BENCH_DURATION', 10, { min: 1 }),
    warmup: numberFromEnv('BENCH_WARMUP', 2, { min: 0 }),
    connections: numberFromEnv('BENCH_CONNECTIONS', 50, { min: 1, integer: true }),
    dropOffShare: numberFromEnv('BENCH_DROP_OFF_SHARE', 0.2, { min: 0 }),
    /** rotate drop-offs over only the first N open slots (0 = all), to force full slots and races */
    slotLimit: numberFromEnv('BENCH_SLOTS', 0, { min: 0, integer: true }),
    databaseUrl: process.env.BENCH_DATABASE_URL?.trim() || undefined,
    mailSeconds: numberFromEnv('BENCH_MAIL_SECONDS', 20, { min: 1 }),
  };
  if (config.dropOffShare > 1) throw new BenchError('BENCH_DROP_OFF_SHARE must be between 0 and 1.');
} catch (err) {
  console.error(`bench: ${err.message}`);
  process.exit(2);
}
const database = config.databaseUrl ? 'PostgreSQL' : 'PGlite';

const TARGETS = {
  /** catalogue search and quote: at least this share of the ceiling's requests/s */
  ceilingShare: 0.5,
  /** successful bookings (201) per second */
  bookingsPerSecond: 500,
};

const CATALOG_PATH = '/api/catalog/models?q=iphone%2015';
const QUOTE_BODY = JSON.stringify({
  modelSlug: 'iphone-15',
  repairSlugs: ['screen-crack', 'battery'],
  urgency: 'standard',
});
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

// ---------------------------------------------------------------------------------------------
// child processes and clean-up

const children = []; // { name, proc, exited: Promise }
let dataDir;
let currentInstance = null;
let cleanupPromise = null;
let serverLog; // fs.WriteStream
const serverLogPath = path.join(root, 'bench-results', 'server.log');
const serverWarnings = { total: 0, status5xx: 0, slow: 0, byMessage: new Map(), samples: [] };
let serverTail = [];

function log(msg = '') {
  process.stdout.write(`${msg}\n`);
}

function startChild(name, args, env, { onLine } = {}) {
  // own process group, so that the server's own child (tsx main.ts) is signalled too
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const child = { name, proc, exited, done: false };
  exited.then(({ code, signal }) => {
    child.done = true;
    if (!cleanupPromise) {
      log(`\n  ${name} exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`})`);
      child.unexpectedExit = { code, signal };
    }
  });
  let buf = '';
  const onData = (chunk) => {
    buf += chunk.toString('utf8');
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      onLine?.(line);
    }
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  children.push(child);
  return child;
}

function signalGroup(child, signal) {
  if (child.done) return;
  try {
    process.kill(-child.proc.pid, signal);
  } catch {
    try {
      child.proc.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

async function stopChild(child, timeoutMs = 15_000) {
  if (child.done) return;
  signalGroup(child, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    log(`  ${child.name} did not stop within ${timeoutMs / 1000} s; killing it`);
    signalGroup(child, 'SIGKILL');
    await Promise.race([child.exited, new Promise((r) => setTimeout(r, 2000).unref())]);
  }
}

function cleanup() {
  cleanupPromise ??= (async () => {
    try {
      currentInstance?.stop();
    } catch {
      /* ignore */
    }
    // the ceiling first (instant), then the server (closes the database)
    for (const child of [...children].reverse()) await stopChild(child);
    serverLog?.end();
    if (dataDir) {
      try {
        fs.rmSync(dataDir, { recursive: true, force: true });
      } catch (err) {
        log(`  could not remove ${dataDir}: ${err.message}`);
      }
    }
  })();
  return cleanupPromise;
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    log(`\n${sig}: stopping the bench and shutting everything down…`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// helpers

// BENCH_PORT_BASE: take the ports from BENCH_PORT_BASE upwards (a shared machine's own range)
let nextPort = Number(process.env.BENCH_PORT_BASE) || 0;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(nextPort ? nextPort++ : 0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function request(base, pathname, { method = 'GET', body, headers = {}, timeoutMs = 10_000 } = {}) {
  const res = await fetch(base + pathname, {
    method,
    body,
    headers: body ? { ...JSON_HEADERS, ...headers } : { accept: 'application/json', ...headers },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, bytes: Buffer.byteLength(text) };
}

const BENCH_ADMIN = { email: 'bench.admin@example.com', password: randomBytes(18).toString('hex') };

/** Signs the bench's admin in; returns the session cookie. */
async function adminCookie(base) {
  const res = await fetch(base + '/api/auth/sign-in/email', {
    method: 'POST',
    headers: { ...JSON_HEADERS, origin: base },
    body: JSON.stringify(BENCH_ADMIN),
    // right after the booking load the server may still be answering its last requests
    signal: AbortSignal.timeout(60_000),
  });
  if (res.status !== 200)
    throw new BenchError(`admin sign-in answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Outbox counts by status, through the admin e-mail API. */
async function outboxCounts(base, cookie) {
  const counts = {};
  for (const status of ['queued', 'sending', 'sent', 'failed', 'dead']) {
    const r = await request(base, `/api/email/messages?status=${status}`, {
      headers: { cookie },
      timeoutMs: 30_000,
    });
    if (r.status !== 200)
      throw new BenchError(`outbox (${status}) answered ${r.status}: ${r.text.slice(0, 300)}`);
    counts[status] = r.json.total;
  }
  return counts;
}

async function expectStatus(label, promise, status) {
  const res = await promise;
  if (res.status !== status) {
    throw new BenchError(
      `pre-flight: ${label} answered ${res.status}, expected ${status}: ${res.text.slice(0, 400)}`,
    );
  }
  return res;
}

async function waitUntil(label, child, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.done) {
      const tail = serverTail.slice(-30).join('\n');
      throw new BenchError(`${label} exited before it was ready.${tail ? `\nLast output:\n${tail}` : ''}`);
    }
    try {
      if (await check()) return;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new BenchError(`${label} was not ready after ${timeoutMs / 1000} s.`);
}

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    if (interrupted) return reject(new BenchError('interrupted'));
    currentInstance = autocannon({ timeout: 10, ...opts }, (err, result) => {
      currentInstance = null;
      if (err) reject(err);
      else resolve(result);
    });
  });
}

const fmt = (n, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n)
    ? '–'
    : n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * CPU seconds (user + system) used so far by every process of a child's process group (the
 * server: start.mjs and the node process it runs, worker threads included), from /proc; null
 * where there is no /proc.
 */
function groupCpuSeconds(child) {
  const pgid = child?.proc?.pid;
  if (!pgid || !fs.existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // the fields after the command name (which may hold spaces) start with the state
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]); // pgrp; utime, stime
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

function statusCounts(result) {
  const out = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) out[code] = Number(count);
  return out;
}

function count5xx(counts) {
  return Object.entries(counts).reduce((sum, [code, n]) => (Number(code) >= 500 ? sum + n : sum), 0);
}

// ---------------------------------------------------------------------------------------------
// the bench

async function main() {
  const started = Date.now();
  log(
    `RevivaTech benchmark — ${database}, ${config.connections} connections, ${config.duration} s per target (+${config.warmup} s warm-up)`,
  );
  log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  );

  // 1. build (outside the readiness timeout) -------------------------------------------------
  if (!buildIsFresh(root)) {
    log('\nBuilding the app (no build for the current sources)…');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (interrupted) return new Promise(() => {});
    if (r.status !== 0) throw new BenchError(`the build failed (exit ${r.status ?? r.signal}).`);
  }

  // 2. the server ---------------------------------------------------------------------------
  fs.mkdirSync(path.dirname(serverLogPath), { recursive: true });
  serverLog = fs.createWriteStream(serverLogPath);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-'));
  const serverPort = await freePort();
  const serverEnv = {
    ...process.env,
    PORT: String(serverPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SEED_ON_START: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    // an admin to read the outbox with (the e-mail measurement)
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    // every request comes from this one address: the public write limits would refuse the load
    PUBLIC_RATE_LIMIT: 'off',
    STAFF_TWO_FACTOR: 'optional',
  };
  delete serverEnv.DATABASE_URL;
  delete serverEnv.APP_URL;
  if (config.databaseUrl) serverEnv.DATABASE_URL = config.databaseUrl;

  log(`\nStarting the server on port ${serverPort} (DATA_DIR ${dataDir})…`);
  const serverStarted = Date.now();
  const server = startChild('server', [path.join(root, 'scripts/start.mjs')], serverEnv, {
    onLine: (line) => {
      serverLog.write(line + '\n');
      serverTail.push(line);
      if (serverTail.length > 200) serverTail = serverTail.slice(-100);
      noteServerLine(line);
    },
  });
  const base = `http://127.0.0.1:${serverPort}`;
  await waitUntil(
    'The server',
    server,
    async () => {
      const r = await request(base, '/api/ready', { timeoutMs: 2000 });
      return r.status === 200 && r.json?.status === 'ready';
    },
    90_000,
  );
  const startupMs = Date.now() - serverStarted;
  log(`  ready in ${fmt(startupMs / 1000, 1)} s`);

  // 3. pre-flight: every target answers as expected (and typical answer sizes) ---------------
  const catalog = await expectStatus('catalogue search', request(base, CATALOG_PATH), 200);
  if (!Array.isArray(catalog.json?.items) || catalog.json.items.length === 0) {
    throw new BenchError(
      `pre-flight: the catalogue search for "iphone 15" found nothing: ${catalog.text.slice(0, 300)}`,
    );
  }
  const quote = await expectStatus(
    'pricing quote',
    request(base, '/api/pricing/quote', { method: 'POST', body: QUOTE_BODY }),
    200,
  );
  const shops = await expectStatus('shop list', request(base, '/api/shops'), 200);
  const shopSlugs = (shops.json?.items ?? []).map((s) => s.slug);
  if (shopSlugs.length === 0) throw new BenchError('pre-flight: /api/shops lists no shops.');

  const slotsBefore = new Map(); // shop → slots
  for (const slug of shopSlugs) {
    const r = await expectStatus(`slots of ${slug}`, request(base, `/api/shops/${slug}/slots`), 200);
    slotsBefore.set(slug, r.json.items);
  }
  const slotRing = [];
  for (const [shop, items] of slotsBefore) {
    for (const s of items)
      if (s.available > 0) slotRing.push({ shop, startsAt: s.startsAt, capacity: s.capacity });
  }
  // interleave the shops in time order, so consecutive drop-offs go to different slots and shops
  slotRing.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.shop.localeCompare(b.shop));
  if (config.slotLimit > 0) slotRing.splice(config.slotLimit);
  const capacityByShop = Object.fromEntries(
    [...slotsBefore].map(([shop, items]) => [
      shop,
      { slots: items.length, capacity: items[0]?.capacity ?? null },
    ]),
  );
  log(
    `  pre-flight OK — catalogue search ${catalog.bytes} B, quote ${quote.bytes} B; ` +
      `${slotRing.length} open slots used (${[...slotsBefore].map(([s, i]) => `${s}: ${i.length} × ${i[0]?.capacity ?? '?'}`).join(', ')})`,
  );
  const bookingProbe = await expectStatus(
    'mail-in booking',
    request(base, '/api/bookings', {
      method: 'POST',
      body: bookingBody({ type: 'mail_in' }, 'preflight'),
      headers: { 'idempotency-key': `bench-preflight-${randomBytes(6).toString('hex')}` },
    }),
    201,
  );

  // 4. the ceiling, with a body about the size of a typical answer ---------------------------
  const ceilingBytes = Math.round((catalog.bytes + quote.bytes) / 2);
  const ceilingPort = await freePort();
  const ceiling = startChild(
    'ceiling',
    [path.join(root, 'scripts/bench/ceiling.mjs')],
    { ...process.env, PORT: String(ceilingPort), CEILING_BYTES: String(ceilingBytes) },
    { onLine: (line) => serverTail.push(`[ceiling] ${line}`) },
  );
  const ceilingBase = `http://127.0.0.1:${ceilingPort}`;
  await waitUntil(
    'The ceiling',
    ceiling,
    async () => (await request(ceilingBase, '/')).status === 200,
    10_000,
  );

  // 5. the runs -----------------------------------------------------------------------------
  const results = [];
  const common = { connections: config.connections };

  async function measure(name, opts, { onPhase, cpuOf = server } = {}) {
    const serverCpuAtStart = groupCpuSeconds(server);
    if (config.warmup > 0) {
      onPhase?.('warmup');
      process.stdout.write(`\n${name}: warm-up ${config.warmup} s… `);
      await runAutocannon({ ...common, ...opts, duration: config.warmup });
    } else {
      process.stdout.write(`\n${name}: `);
    }
    onPhase?.('measure');
    process.stdout.write(`measuring ${config.duration} s… `);
    const cpuBefore = groupCpuSeconds(cpuOf);
    const serverCpuBefore = groupCpuSeconds(server);
    const r = await runAutocannon({ ...common, ...opts, duration: config.duration });
    const cpuAfter = groupCpuSeconds(cpuOf);
    const serverCpuAfter = groupCpuSeconds(server);
    // server CPU time per answered request: steadier than req/s on a shared machine
    const cpuMicrosPerRequest =
      cpuBefore !== null && cpuAfter !== null && r.requests.total > 0
        ? ((cpuAfter - cpuBefore) * 1e6) / r.requests.total
        : null;
    const counts = statusCounts(r);
    log(
      `${fmt(r.requests.average)} req/s, p99 ${fmt(r.latency.p99, 1)} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}${r.errors ? `, ${r.errors} errors` : ''}` +
        (cpuMicrosPerRequest === null ? '' : `, server CPU ${fmt(cpuMicrosPerRequest)} µs/request`),
    );
    return {
      name,
      requestsPerSecond: r.requests.average,
      totalRequests: r.requests.total,
      durationSeconds: r.duration,
      latencyMs: {
        p50: r.latency.p50,
        p90: r.latency.p90,
        p99: r.latency.p99,
        mean: r.latency.average,
        max: r.latency.max,
      },
      non2xx: r.non2xx,
      statusCodes: counts,
      errors: r.errors,
      timeouts: r.timeouts,
      bytesPerSecond: r.throughput.average,
      cpuMicrosPerRequest,
      // the server's CPU seconds around the run and when it ended (for the booking's tail)
      serverCpu: {
        atStart: serverCpuAtStart,
        before: serverCpuBefore,
        after: serverCpuAfter,
        endedAt: Date.now(),
      },
    };
  }

  const ceilingResult = await measure('ceiling', { url: `${ceilingBase}/` }, { cpuOf: ceiling });
  ceilingResult.key = 'ceiling';
  results.push(ceilingResult);

  const catalogResult = await measure('catalogue search', {
    url: base + CATALOG_PATH,
    headers: { accept: 'application/json' },
  });
  catalogResult.key = 'catalog';
  results.push(catalogResult);

  const quoteResult = await measure('pricing quote', {
    url: `${base}/api/pricing/quote`,
    method: 'POST',
    headers: JSON_HEADERS,
    body: QUOTE_BODY,
  });
  quoteResult.key = 'quote';
  results.push(quoteResult);

  // booking creation: every request a new booking with its own Idempotency-Key ----------------
  const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  let seq = 0;
  let dropOffSeq = 0;
  const createdPerSlot = new Map(); // "shop|startsAt" → 201s (warm-up and measured run)
  const emptyTally = () => ({
    sent: 0,
    sentDropOff: 0,
    created: 0,
    createdDropOff: 0,
    createdMailIn: 0,
    replayed: 0,
    slotFull: 0,
    other: {},
    otherSamples: [],
  });
  const tally = { warmup: emptyTally(), measure: emptyTally() };
  let phase = 'warmup';

  const bookingRequest = {
    method: 'POST',
    path: '/api/bookings',
    setupRequest(req, context) {
      const n = ++seq;
      const t = tally[phase];
      t.sent++;
      // a deterministic share of drop-offs: n·share crosses an integer
      const dropOff =
        slotRing.length > 0 &&
        Math.floor(n * config.dropOffShare) !== Math.floor((n - 1) * config.dropOffShare);
      let service = { type: 'mail_in' };
      if (dropOff) {
        const slot = slotRing[dropOffSeq++ % slotRing.length];
        service = { type: 'drop_off', shopSlug: slot.shop, slotStartsAt: slot.startsAt };
        t.sentDropOff++;
      }
      context.service = service.type;
      req.headers = { ...JSON_HEADERS, 'idempotency-key': `bench-${runId}-${n}` };
      req.body = bookingBody(service, n);
      return req;
    },
    onResponse(status, body) {
      const t = tally[phase];
      if (status === 201) {
        t.created++;
        let json;
        try {
          json = JSON.parse(body);
        } catch {
          /* counted as created; the slot check below relies on the server's own counts too */
        }
        if (json?.service?.type === 'drop_off') {
          t.createdDropOff++;
          const key = `${json.service.shop?.slug}|${json.service.slotStartsAt}`;
          createdPerSlot.set(key, (createdPerSlot.get(key) ?? 0) + 1);
        } else {
          t.createdMailIn++;
        }
        return;
      }
      if (status === 200) {
        t.replayed++; // a replay: autocannon re-sent a request after a timeout
        return;
      }
      let code = '';
      try {
        code = JSON.parse(body)?.code ?? '';
      } catch {
        /* not JSON */
      }
      if (status === 409 && code === 'SLOT_FULL') {
        t.slotFull++;
        return;
      }
      const key = `${status}${code ? ` ${code}` : ''}`;
      t.other[key] = (t.other[key] ?? 0) + 1;
      if (t.otherSamples.length < 5) t.otherSamples.push({ status, body: String(body).slice(0, 500) });
    },
  };

  const bookingResult = await measure(
    'booking creation',
    { url: base, requests: [bookingRequest] },
    { onPhase: (p) => (phase = p) },
  );
  bookingResult.key = 'booking';
  const m = tally.measure;
  bookingResult.allRequestsPerSecond = bookingResult.requestsPerSecond;
  bookingResult.requestsPerSecond = m.created / bookingResult.durationSeconds;
  bookingResult.bookings = tally;
  results.push(bookingResult);
  log(
    `  bookings: ${m.created} created (${m.createdMailIn} mail-in, ${m.createdDropOff} drop-off) = ${fmt(bookingResult.requestsPerSecond)}/s; ` +
      `${m.slotFull} × 409 SLOT_FULL; other non-2xx: ${Object.keys(m.other).length ? JSON.stringify(m.other) : 'none'}` +
      (m.replayed ? `; ${m.replayed} replays (200)` : ''),
  );

  // 5b. e-mail delivery after the load ------------------------------------------------------
  const cookie = await adminCookie(base);
  const atStop = await outboxCounts(base, cookie);
  const mailStarted = Date.now();
  await sleep(config.mailSeconds * 1000);
  const atEnd = await outboxCounts(base, cookie);
  const mailElapsed = (Date.now() - mailStarted) / 1000;
  // CPU per booking with what follows it: the e-mail delivery and after-commit work (e.g. the
  // staff notices) that the server may still be doing when the load stops. Counted from the
  // warm-up's start to the end of the e-mail watch, minus the server's idle CPU over the time
  // after the load (its rate while the ceiling ran, when the server had nothing to answer),
  // divided by every booking request sent (warm-up, measured, and those in flight at the end,
  // which the server completes)
  const tailCpu = groupCpuSeconds(server);
  const idle = ceilingResult.serverCpu;
  const idlePerSecond =
    idle.before !== null && idle.after !== null
      ? (idle.after - idle.before) / ceilingResult.durationSeconds
      : null;
  const bookingCpu = bookingResult.serverCpu;
  const bookingsSent = tally.warmup.sent + m.sent;
  const cpuMicrosPerBookingWithTail =
    tailCpu !== null && bookingCpu.atStart !== null && idlePerSecond !== null && bookingsSent > 0
      ? ((tailCpu - bookingCpu.atStart - idlePerSecond * ((Date.now() - bookingCpu.endedAt) / 1000)) * 1e6) /
        bookingsSent
      : null;
  bookingResult.cpuMicrosPerBookingWithTail = cpuMicrosPerBookingWithTail;
  bookingResult.serverIdleCpuMicrosPerSecond = idlePerSecond === null ? null : idlePerSecond * 1e6;
  const mail = {
    watchedSeconds: Math.round(mailElapsed * 10) / 10,
    backlogAtStop: atStop.queued + atStop.sending,
    backlogAfter: atEnd.queued + atEnd.sending,
    deliveredPerSecond: (atEnd.sent - atStop.sent) / mailElapsed,
    bookingsPerSecondDuringLoad: bookingResult.requestsPerSecond,
    atStop,
    atEnd,
  };
  log(
    `\nE-mail: backlog ${fmt(mail.backlogAtStop)} when the load stopped; ${fmt(mail.deliveredPerSecond, 1)} delivered/s ` +
      `over ${mail.watchedSeconds} s; backlog ${fmt(mail.backlogAfter)} after (failed ${atEnd.failed}, dead ${atEnd.dead})`,
  );
  if (cpuMicrosPerBookingWithTail !== null)
    log(
      `Server CPU per booking with what followed it (delivery, after-commit work; idle ${fmt(idlePerSecond * 1000)} ms/s subtracted): ` +
        `${fmt(cpuMicrosPerBookingWithTail)} µs`,
    );

  // 6. overbooking -------------------------------------------------------------------------
  const overbooked = [];
  const mismatches = [];
  let slotsChecked = 0;
  for (const slug of shopSlugs) {
    const r = await expectStatus(`slots of ${slug} (after)`, request(base, `/api/shops/${slug}/slots`), 200);
    for (const s of r.json.items) {
      slotsChecked++;
      if (s.booked > s.capacity || s.available < 0) {
        overbooked.push({
          source: 'server',
          shop: slug,
          startsAt: s.startsAt,
          booked: s.booked,
          capacity: s.capacity,
          available: s.available,
        });
      }
      const ours = createdPerSlot.get(`${slug}|${s.startsAt}`) ?? 0;
      if (ours !== s.booked)
        mismatches.push({ shop: slug, startsAt: s.startsAt, created201: ours, serverBooked: s.booked });
    }
  }
  const capacityOf = new Map(slotRing.map((s) => [`${s.shop}|${s.startsAt}`, s.capacity]));
  for (const [key, n] of createdPerSlot) {
    const [shop, startsAt] = key.split('|');
    const capacity = capacityOf.get(key) ?? capacityByShop[shop]?.capacity;
    if (capacity === undefined || capacity === null || n > capacity) {
      overbooked.push({ source: 'bench 201s', shop, startsAt, created201: n, capacity: capacity ?? null });
    }
  }
  const overbookedSlots = new Set(overbooked.map((o) => `${o.shop}|${o.startsAt}`)).size;
  const slotsUsed = createdPerSlot.size;
  const slotsFull = [...createdPerSlot].filter(([k, n]) => n >= (capacityOf.get(k) ?? Infinity)).length;
  log(
    `\nSlot check: ${slotsChecked} slots checked, ${slotsUsed} booked by the bench (${slotsFull} now full)`,
  );
  log(`overbooked slots: ${overbookedSlots}`);
  for (const o of overbooked.slice(0, 20)) log(`  OVERBOOKED ${JSON.stringify(o)}`);
  // Requests still in flight when a run stops are dropped by the client, but the server may
  // still complete them: the server's count may then exceed the bench's 201s by at most that many.
  const answered = (t) =>
    t.created + t.replayed + t.slotFull + Object.values(t.other).reduce((a, b) => a + b, 0);
  const unanswered =
    Math.max(0, tally.warmup.sent - answered(tally.warmup)) + Math.max(0, m.sent - answered(m));
  const serverAhead = mismatches.filter((x) => x.serverBooked > x.created201);
  const serverBehind = mismatches.filter((x) => x.serverBooked < x.created201);
  const excess = serverAhead.reduce((sum, x) => sum + x.serverBooked - x.created201, 0);
  if (serverAhead.length) {
    log(
      `  note: ${serverAhead.length} slots hold ${excess} more reservations than the 201s the bench saw; ` +
        `${unanswered} requests were still in flight when the runs stopped` +
        (excess <= unanswered ? ' (explains it)' : ' — MORE than that, worth a look'),
    );
  }
  if (serverBehind.length) {
    log(
      `  WARNING: ${serverBehind.length} slots hold fewer reservations than the 201s the bench saw, e.g. ${JSON.stringify(serverBehind[0])}`,
    );
  }

  // 7. report ------------------------------------------------------------------------------
  const ceilingRps = ceilingResult.requestsPerSecond;
  for (const r of results) {
    r.ratioToCeiling = ceilingRps > 0 ? r.requestsPerSecond / ceilingRps : null;
    if (r.key === 'catalog' || r.key === 'quote') {
      r.target = `≥ ${TARGETS.ceilingShare * 100}% of ceiling`;
      r.verdict = r.ratioToCeiling >= TARGETS.ceilingShare ? 'PASS' : 'BELOW';
    } else if (r.key === 'booking') {
      r.target = `≥ ${TARGETS.bookingsPerSecond} bookings/s`;
      r.verdict = r.requestsPerSecond >= TARGETS.bookingsPerSecond ? 'PASS' : 'BELOW';
    } else {
      r.target = null;
      r.verdict = null;
    }
  }

  const header = [
    'target',
    'req/s (mean)',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'errors',
    'CPU µs/req',
    'vs ceiling',
    'target',
    '',
  ];
  const rows = results.map((r) => [
    r.key === 'booking' ? 'booking creation (201/s)' : r.name,
    fmt(r.requestsPerSecond),
    fmt(r.latencyMs.p50, 1),
    fmt(r.latencyMs.p99, 1),
    fmt(r.non2xx),
    fmt(r.errors),
    r.cpuMicrosPerRequest === null ? '–' : fmt(r.cpuMicrosPerRequest),
    r.ratioToCeiling === null ? '–' : `${fmt(r.ratioToCeiling * 100, 1)}%`,
    r.target ?? '',
    r.verdict ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 || i >= 8 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  log(`\nResults (${database}, ${config.connections} connections, ${config.duration} s each):\n`);
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) log(line(row));
  log(
    `\nbooking non-2xx: ${m.slotFull} × 409 SLOT_FULL (expected once slots fill)` +
      (Object.keys(m.other).length ? `, other: ${JSON.stringify(m.other)}` : ', no others'),
  );

  const errors5xx = results.reduce((sum, r) => sum + count5xx(r.statusCodes), 0);
  const problems = [];
  if (serverBehind.length)
    problems.push(`${serverBehind.length} slots hold fewer reservations than the bench's 201 drop-offs`);
  if (serverAhead.length && excess > unanswered)
    problems.push(`${serverAhead.length} slots hold ${excess} reservations the bench never saw a 201 for`);
  for (const r of results) {
    const unexpected = r.key === 'booking' ? Object.values(m.other).reduce((a, b) => a + b, 0) : r.non2xx;
    if (unexpected)
      problems.push(
        `${r.name}: ${unexpected} unexpected non-2xx ${JSON.stringify(r.key === 'booking' ? m.other : r.statusCodes)}`,
      );
    if (r.errors) problems.push(`${r.name}: ${r.errors} connection errors (${r.timeouts} timeouts)`);
  }
  if (serverWarnings.total) {
    problems.push(
      `server logged ${serverWarnings.total} warnings/errors (${serverWarnings.status5xx} × 5xx, ${serverWarnings.slow} × slower than 1 s): ` +
        [...serverWarnings.byMessage].map(([k, v]) => `${v} × "${k}"`).join(', ') +
        ` — see bench-results/server.log`,
    );
  }
  if (problems.length) {
    log('\nProblems noticed:');
    for (const p of problems) log(`  - ${p}`);
  }

  const report = {
    generatedAt: new Date().toISOString(),
    database,
    config: {
      duration: config.duration,
      warmup: config.warmup,
      connections: config.connections,
      dropOffShare: config.dropOffShare,
      slotLimit: config.slotLimit || null,
    },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim() ?? null,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
    },
    serverStartupMs: startupMs,
    ceilingBodyBytes: ceilingBytes,
    responseBytes: { catalog: catalog.bytes, quote: quote.bytes, booking: bookingProbe.bytes },
    targets: TARGETS,
    results,
    mail,
    slots: {
      shops: capacityByShop,
      openAtStart: slotRing.length,
      checked: slotsChecked,
      bookedByBench: slotsUsed,
      fullAfter: slotsFull,
      overbookedSlots,
      overbooked,
      unansweredBookingRequests: unanswered,
      serverCountMismatches: mismatches.slice(0, 50),
    },
    serverWarnings: {
      total: serverWarnings.total,
      status5xx: serverWarnings.status5xx,
      slowerThan1s: serverWarnings.slow,
      byMessage: Object.fromEntries(serverWarnings.byMessage),
      samples: serverWarnings.samples,
    },
    problems,
    benchSeconds: Math.round((Date.now() - started) / 1000),
  };
  const out = path.join(root, 'bench-results', 'latest.json');
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  log(`\nWrote ${path.relative(root, out)} (server log: ${path.relative(root, serverLogPath)})`);

  let exitCode = 0;
  if (overbookedSlots > 0) {
    log(`\nFAIL: ${overbookedSlots} overbooked slot(s).`);
    exitCode = 1;
  }
  if (errors5xx > 0) {
    log(`\nFAIL: the app answered ${errors5xx} request(s) with 5xx.`);
    exitCode = 1;
  }
  return exitCode;
}

function bookingBody(service, n) {
  return JSON.stringify({
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    service,
    customer: { name: 'Bench User', email: `bench+${n}@example.com` },
    paymentMethod: 'collection',
  });
}

function noteServerLine(line) {
  if (!line.startsWith('{')) return;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return;
  }
  if (typeof entry.level !== 'number' || entry.level < 40) return;
  // the bench's own readiness polls while the server starts: 503 "not ready yet" is the answer
  if (entry.path === '/api/ready' && entry.status === 503) return;
  serverWarnings.total++;
  if (entry.status >= 500) serverWarnings.status5xx++;
  if (entry.ms > 1000) serverWarnings.slow++;
  const key = `${entry.msg ?? '?'}${entry.status ? ` ${entry.status}` : ''}${entry.path ? ` ${entry.method ?? ''} ${entry.path}` : ''}`;
  serverWarnings.byMessage.set(key, (serverWarnings.byMessage.get(key) ?? 0) + 1);
  if (serverWarnings.samples.length < 10) serverWarnings.samples.push(entry);
}

(parts.includes('http') ? main() : Promise.resolve(0))
  .then(async (code) => {
    await cleanup();
    if (parts.includes('analytics') && !interrupted) code = runAnalyticsPart() || code;
    if (parts.includes('start') && !interrupted) code = runScriptPart('scripts/bench/start.mjs') || code;
    if (parts.includes('lighthouse') && !interrupted)
      code = runScriptPart('scripts/bench/lighthouse.mjs') || code;
    process.exit(code);
  })
  .catch(async (err) => {
    if (!interrupted) {
      console.error(`\nbench failed: ${err instanceof BenchError ? err.message : (err?.stack ?? err)}`);
      if (err?.cause) console.error(`  cause: ${err.cause.message ?? err.cause}`);
      if (serverTail.length) console.error(`\nLast server output:\n${serverTail.slice(-30).join('\n')}`);
    }
    await cleanup();
    process.exit(interrupted ? 130 : 1);
  });
