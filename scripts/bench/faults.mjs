#!/usr/bin/env node
/**
 * `npm run bench:faults` (a benchmark, not a test): the scaled-out set-up of README "Production"
 * (scripts/lib/cluster.mjs: two RUN_JOBS=false instances and a worker behind nginx) on a PRIVATE
 * PostgreSQL cluster (initdb + pg_ctl in a temp folder) and a PRIVATE redis-server, so both can
 * really be stopped, then four faults, each with its figures:
 *
 * 1. PostgreSQL stopped mid-load (pg_ctl stop -m fast), started again 6 s later: answers during
 *    the outage (target: 503 with Retry-After, no 500, no hang), time from the database's return
 *    to the first and to steady 201s (target <= 5 s), and every booking answered 201 in the
 *    database (target: all).
 * 2. Redis stopped: the API keeps answering (catalogue, quote, booking), and a live stream opened
 *    before the outage gets a booking made after Redis returns.
 * 3. SMTP down: bookings made meanwhile get their e-mail once after it returns.
 * 4. The worker killed (SIGKILL) while an e-mail is in the SMTP DATA phase: a new worker sends
 *    it again, and it is delivered once.
 * Ports (FAULTS_PORT_BASE, default 3390): nginx 3390, A 3391, B 3392, SMTP 3393, PostgreSQL 3396,
 * Redis 3397. Exits 1 when a target is missed.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bookingBody, call, openSse, sleep, startCluster, stopProcess } from '../lib/cluster.mjs';

const BASE = Number(process.env.FAULTS_PORT_BASE || 3390);
const PG_PORT = BASE + 6;
const REDIS_PORT = BASE + 7;
const results = {};
/** FAULTS_ONLY=postgres,redis,smtp,worker runs only those scenarios (default: all) */
const only = new Set((process.env.FAULTS_ONLY || 'postgres,redis,smtp,worker').split(','));
/**
 * A dead worker's job is retried ~20-35 s after the kill (heartbeat 20 s, upkeep every 15 s),
 * and its message claimed again once the sender's lease (30 s, renewed while it sends) lapsed;
 * a retry that finds the lease still live tries again after its backoff: wait up to 3 minutes.
 */
const KILL_WAIT_MS = Number(process.env.FAULTS_KILL_WAIT_S || 180) * 1000;
const misses = [];
const t0 = Date.now();
const log = (m) => console.log(`faults: ${m} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
const miss = (m) => {
  misses.push(m);
  log(`MISSED: ${m}`);
};

// --- a private PostgreSQL cluster -------------------------------------------------------------
function pgBin(name) {
  const dir = fs.readdirSync('/usr/lib/postgresql').sort().at(-1);
  return `/usr/lib/postgresql/${dir}/bin/${name}`;
}
const asRoot = process.getuid?.() === 0;
function pgRun(name, args) {
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', pgBin(name), ...args]]
    : [pgBin(name), args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')}: ${r.stderr || r.stdout}`);
}
const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-faults-pg-'));
if (asRoot) spawnSync('chown', ['postgres', pgDir]);
const pgData = path.join(pgDir, 'data');
const pgStart = () =>
  pgRun('pg_ctl', [
    '-D',
    pgData,
    '-l',
    path.join(pgDir, 'log'),
    '-w',
    '-o',
    `-p ${PG_PORT} -k ${pgDir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    'start',
  ]);
const pgStop = () => pgRun('pg_ctl', ['-D', pgData, '-m', 'fast', '-w', 'stop']);

// --- a private Redis ----------------------------------------------------------------------------
let redis = null;
async function redisStart() {
  redis = spawn(
    'redis-server',
    ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (
      spawnSync('redis-cli', ['-p', String(REDIS_PORT), 'ping'], { encoding: 'utf8' }).stdout.includes('PONG')
    )
      return;
    await sleep(100);
  }
  throw new Error('redis-server did not start');
}
async function redisStop() {
  const r = redis;
  redis = null;
  if (r && r.exitCode === null) await new Promise((res) => (r.once('exit', res), r.kill('SIGKILL')));
}

/** Mail-in bookings from `clients` clients through nginx until stop(); every answer recorded. */
function hammer(base, clients, tag) {
  const answers = [];
  let stopped = false;
  let i = 0;
  const loops = Array.from({ length: clients }, async () => {
    while (!stopped) {
      const n = i++;
      const started = Date.now();
      let status;
      let retryAfter = null;
      let reference = null;
      try {
        const r = await call(base, '/api/bookings', {
          method: 'POST',
          json: bookingBody(`${tag}-${n}@faults.test`),
          timeoutMs: 15_000,
        });
        status = r.status;
        retryAfter = r.headers.get('retry-after');
        const text = await r.text();
        if (status === 201) reference = JSON.parse(text).reference;
      } catch (err) {
        status = err?.name === 'TimeoutError' ? 'timeout' : 'network';
      }
      answers.push({ at: started, ms: Date.now() - started, status, retryAfter, reference });
      if (status !== 201) await sleep(100);
    }
  });
  return {
    answers,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

let cluster;
try {
  pgRun('initdb', ['-D', pgData, '--auth=trust', '-U', 'postgres', '--no-sync']);
  pgStart();
  await redisStart();
  log(`private PostgreSQL on ${PG_PORT} and Redis on ${REDIS_PORT} up`);
  cluster = await startCluster({
    adminUrl: `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`,
    redisUrl: `redis://127.0.0.1:${REDIS_PORT}/0`,
    portBase: BASE,
    prefix: 'scale_faults',
    mail: true,
    log,
  });
  const { base, smtp, cookie } = cluster;

  // 1. PostgreSQL stopped mid-load ----------------------------------------------------------------
  if (only.has('postgres')) {
    const load = hammer(base.nginx, 20, 'pg');
    await sleep(3_000);
    const down = Date.now();
    pgStop();
    const stoppedAt = Date.now();
    log(`PostgreSQL stopped (${stoppedAt - down} ms) under load`);
    await sleep(6_000);
    pgStart();
    const back = Date.now();
    log('PostgreSQL started again');
    await sleep(8_000);
    await load.stop();
    const during = load.answers.filter((a) => a.at >= stoppedAt && a.at < back);
    const after = load.answers.filter((a) => a.at >= back);
    const count = (list, f) => list.filter(f).length;
    const first201 = after.find((a) => a.status === 201);
    const lastBad = [...after].reverse().find((a) => a.status !== 201);
    const refs = load.answers.filter((a) => a.reference).map((a) => a.reference);
    const db = new pg.Client({ connectionString: cluster.dbUrl });
    await db.connect();
    const found = (
      await db.query('select count(*)::int as n from bookings where reference = any($1)', [refs])
    ).rows[0].n;
    await db.end();
    const r = (results.postgres = {
      answersDuringOutage: during.length,
      status503WithRetryAfter: count(during, (a) => a.status === 503 && a.retryAfter),
      status500: count(
        load.answers,
        (a) => typeof a.status === 'number' && a.status >= 500 && a.status !== 503,
      ),
      hungOrTimedOut: count(load.answers, (a) => a.status === 'timeout' || a.ms > 10_000),
      slowestDuringOutageMs: Math.max(0, ...during.map((a) => a.ms)),
      firstCreatedAfterReturnMs: first201 ? first201.at + first201.ms - back : null,
      steadyAfterReturnMs: lastBad ? lastBad.at + lastBad.ms - back : 0,
      created201: refs.length,
      created201InDatabase: found,
      statusesDuringOutage: Object.fromEntries(
        [...new Set(during.map((a) => String(a.status)))].map((s) => [
          s,
          count(during, (a) => String(a.status) === s),
        ]),
      ),
    });
    log(`PostgreSQL outage: ${JSON.stringify(r)}`);
    if (r.status500 > 0) miss(`${r.status500} answers 5xx other than 503 during the PostgreSQL outage`);
    if (r.hungOrTimedOut > 0) miss(`${r.hungOrTimedOut} requests hung (> 10 s) or timed out`);
    if (r.answersDuringOutage > 0 && r.status503WithRetryAfter < r.answersDuringOutage * 0.5)
      miss('not 503 with Retry-After during the outage');
    if (r.firstCreatedAfterReturnMs === null || r.steadyAfterReturnMs > 5_000)
      miss('not recovered within 5 s');
    if (found !== refs.length)
      miss(`${refs.length - found} bookings answered 201 are missing from the database`);
  }

  // 2. Redis stopped ---------------------------------------------------------------------------------
  if (only.has('redis')) {
    const board = await openSse(cluster.base.b, '/api/staff/live', { cookie });
    await redisStop();
    log('Redis stopped');
    const answers = [];
    for (let i = 0; i < 10; i++) {
      for (const [what, p, init] of [
        ['catalogue', '/api/catalog/models?q=iphone', {}],
        [
          'quote',
          '/api/pricing/quote',
          {
            method: 'POST',
            json: { modelSlug: 'iphone-15', repairSlugs: ['screen-crack'], urgency: 'standard' },
          },
        ],
        ['booking', '/api/bookings', { method: 'POST', json: bookingBody(`redis-${i}@faults.test`) }],
      ]) {
        const started = Date.now();
        const r = await call(base.nginx, p, { ...init, timeoutMs: 15_000 }).catch((e) => ({
          status: String(e?.name),
        }));
        answers.push({ what, status: r.status, ms: Date.now() - started });
      }
    }
    await redisStart();
    log('Redis started again');
    await sleep(2_000);
    const booked = await call(cluster.base.a, '/api/bookings', {
      method: 'POST',
      json: bookingBody('redis-back@faults.test'),
    });
    const { reference } = await booked.json();
    const startedWait = Date.now();
    const seen = await board
      .next(20_000, (e) => e && e.reference === reference)
      .then(() => Date.now() - startedWait)
      .catch(() => null);
    board.close();
    const ok = answers.filter((a) => a.status === 200 || a.status === 201).length;
    const r = (results.redis = {
      requestsDuringOutage: answers.length,
      answered2xx: ok,
      slowestMs: Math.max(...answers.map((a) => a.ms)),
      failures: answers
        .filter((a) => !(a.status === 200 || a.status === 201))
        .map((a) => `${a.what}:${a.status}`),
      liveEventAfterReturnMs: seen,
    });
    log(`Redis outage: ${JSON.stringify(r)}`);
    if (ok !== answers.length) miss(`${answers.length - ok} API requests failed while Redis was down`);
    if (seen === null) miss('live updates did not resume after Redis returned');
  }

  // 3. SMTP down ------------------------------------------------------------------------------------
  if (only.has('smtp')) {
    await smtp.stop();
    log('SMTP sink stopped');
    const emails = Array.from({ length: 20 }, (_, i) => `smtp-${i}@faults.test`);
    for (const e of emails) {
      const r = await call(base.nginx, '/api/bookings', { method: 'POST', json: bookingBody(e) });
      if (r.status !== 201) miss(`booking while SMTP is down: ${r.status}`);
    }
    await sleep(5_000);
    await smtp.start();
    const back = Date.now();
    log('SMTP sink started again');
    let all = null;
    for (let i = 0; i < 600 && all === null; i++) {
      if (emails.every((e) => smtp.count(e) >= 1)) all = Date.now() - back;
      else await sleep(100);
    }
    await sleep(3_000);
    const dupes = emails.filter((e) => smtp.count(e) > 1).length;
    const missing = emails.filter((e) => smtp.count(e) === 0).length;
    results.smtp = { messages: emails.length, allDeliveredAfterReturnMs: all, duplicates: dupes, missing };
    log(`SMTP outage: ${JSON.stringify(results.smtp)}`);
    if (missing || dupes) miss(`SMTP: ${missing} missing, ${dupes} delivered twice`);
  }

  // 4. the worker killed mid-job --------------------------------------------------------------------
  if (only.has('worker')) {
    const email = 'killed-mid-job@faults.test';
    smtp.holdMs = 4_000;
    const r = await call(base.nginx, '/api/bookings', { method: 'POST', json: bookingBody(email) });
    if (r.status !== 201) miss(`booking before the kill: ${r.status}`);
    let inData = false;
    for (let i = 0; i < 300 && !inData; i++) {
      inData = smtp.receiving.includes(email);
      if (!inData) await sleep(100);
    }
    if (!inData) miss('the e-mail never reached the SMTP DATA phase');
    await stopProcess(cluster.procs.worker, 'SIGKILL');
    const killed = Date.now();
    log('worker killed (SIGKILL) while its e-mail was in the DATA phase');
    await sleep(500);
    smtp.holdMs = 0;
    cluster.startWorker('worker-2');
    let delivered = null;
    for (const until = Date.now() + KILL_WAIT_MS; delivered === null && Date.now() < until;) {
      if (smtp.count(email) >= 1) delivered = Date.now() - killed;
      else await sleep(100);
    }
    await sleep(3_000);
    results.workerKill = { deliveredAfterKillMs: delivered, deliveries: smtp.count(email) };
    log(`worker killed mid-job: ${JSON.stringify(results.workerKill)}`);
    if (smtp.count(email) !== 1) miss(`the killed job's e-mail was delivered ${smtp.count(email)} times`);
  }
} catch (err) {
  console.error('bench:faults failed:', err);
  if (cluster) console.error(cluster.tail());
  misses.push(String(err));
} finally {
  await cluster?.stop().catch(() => undefined);
  await redisStop().catch(() => undefined);
  try {
    pgStop();
  } catch {
    /* already stopped */
  }
  if (!process.env.KEEP_LOGS) fs.rmSync(pgDir, { recursive: true, force: true });
}
console.log(`\n${JSON.stringify(results, null, 2)}`);
console.log(
  misses.length
    ? `\nbench:faults: ${misses.length} target(s) missed:\n- ${misses.join('\n- ')}`
    : '\nbench:faults: every target met',
);
process.exit(misses.length ? 1 : 0);
