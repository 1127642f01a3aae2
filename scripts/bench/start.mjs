#!/usr/bin/env node
/**
 * `npm run bench -- start`: how long `npm start` takes to answer GET /api/health with 200, on a
 * new data folder (the database image is copied in) and on an existing one (the same folder
 * again). BENCH_START_RUNS runs of each (default 5, alternating new/existing), the median
 * against the targets (new < 3 s, existing < 1.5 s), and each run's phases from the server's
 * "RevivaTech is ready" log line. Writes bench-results/start.json. Builds first when the build
 * is stale (not counted). A report, not a test: exits 0 when a target is missed, non-zero only
 * when the server did not start.
 *
 * The clock starts when `node scripts/start.mjs` is spawned (what `npm start` runs; npm's own
 * start-up, about 0.2 s, is not counted) and stops at the first 200 from /api/health, polled
 * every 20 ms. BENCH_START_TIMEOUT (s, default 120) bounds one start.
 *
 * The server listens before its database, auth and Next are up (/api/health is liveness), so the
 * bench also reports, without a target, when the app was up (`appMs`: the "RevivaTech is ready"
 * line's own figure, from the server process's start: pages are served from then on) and when
 * GET /api/ready first said 200 (`readyMs`: the job queue is up too, so API requests are served).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsFresh } from '../lib/build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number.parseInt(process.env.BENCH_START_RUNS ?? '5', 10);
const TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT ?? '120') * 1000;
const TARGETS = { new: 3000, existing: 1500 };
if (!Number.isInteger(RUNS) || RUNS < 1 || !(TIMEOUT_MS > 0)) {
  console.error('bench start: BENCH_START_RUNS must be an integer ≥ 1 and BENCH_START_TIMEOUT a number > 0');
  process.exit(2);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
};

/** One start of `node scripts/start.mjs` on `dataDir`: ms to the first healthy answer, and its phases. */
async function startOnce(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      REVIVATECH_BUILD: 'reuse',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: the server start.mjs spawns is stopped with it
  });
  const exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  let ready = null;
  let imageLoaded = false;
  const tail = [];
  let buffered = '';
  const onData = (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line);
        if (entry.msg === 'RevivaTech is ready') ready = entry;
        if (entry.msg === 'new data folder: loaded the database image') imageLoaded = true;
      } catch {
        /* not a log line */
      }
    }
  };
  proc.stdout.setEncoding('utf8').on('data', onData);
  proc.stderr.setEncoding('utf8').on('data', onData);
  let ms = null;
  let readyMs = null;
  let done = false;
  void exited.then(() => (done = true));
  while (!done && performance.now() - started < TIMEOUT_MS) {
    try {
      const probe = ms === null ? 'health' : 'ready';
      const res = await fetch(`http://127.0.0.1:${port}/api/${probe}`);
      if (res.status === 200) {
        const at = Math.round(performance.now() - started);
        if (probe === 'ready') {
          readyMs = at;
          break;
        }
        ms = at;
        continue;
      }
    } catch {
      /* not listening yet */
    }
    await sleep(20);
  }
  try {
    process.kill(-proc.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 20_000);
  await exited;
  clearTimeout(timer);
  if (ms === null) throw new Error(`the server did not answer /api/health:\n${tail.join('\n')}`);
  await sleep(200); // the log line may follow the first answer by a tick
  return { ms, appMs: ready?.ms ?? null, readyMs, phases: ready?.phases ?? null, imageLoaded };
}

if (!buildIsFresh(root)) {
  console.log('bench start: the build is stale; building first (not counted)…');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-start-'));
const runs = { new: [], existing: [] };
let code = 0;
try {
  for (let i = 0; i < RUNS; i++) {
    const dataDir = path.join(tmp, `run-${i}`);
    const fresh = await startOnce(dataDir);
    const again = await startOnce(dataDir);
    runs.new.push(fresh);
    runs.existing.push(again);
    console.log(
      `  run ${i + 1}/${RUNS}: new folder ${fresh.ms} ms${fresh.imageLoaded ? ' (image)' : ' (NO image)'}, ` +
        `existing ${again.ms} ms (app up ${fresh.appMs} / ${again.appMs} ms, /api/ready ${fresh.readyMs} / ${again.readyMs} ms)`,
    );
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
} catch (err) {
  console.error(`bench start failed: ${err.message}`);
  code = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (code === 0) {
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
    runsEach: RUNS,
    targetsMs: TARGETS,
    medianMs: {},
    runs,
  };
  console.log('\n  start to /api/health 200 (median)   target     result');
  for (const kind of ['new', 'existing']) {
    const m = median(runs[kind].map((r) => r.ms));
    result.medianMs[kind] = m;
    const ok = m < TARGETS[kind];
    console.log(
      `  ${`${kind} data folder`.padEnd(34)} ${`< ${TARGETS[kind]} ms`.padEnd(10)} ${`${m} ms`.padEnd(9)} ${ok ? 'OK' : 'BELOW'}`,
    );
  }
  result.medianAppMs = {};
  result.medianReadyMs = {};
  for (const kind of ['new', 'existing']) {
    const up = runs[kind].map((r) => r.appMs).filter((v) => v !== null);
    const ready = runs[kind].map((r) => r.readyMs).filter((v) => v !== null);
    result.medianAppMs[kind] = up.length ? median(up) : null;
    result.medianReadyMs[kind] = ready.length ? median(ready) : null;
    console.log(
      `  ${kind} data folder: app up (pages) ${result.medianAppMs[kind]} ms, /api/ready 200 ${result.medianReadyMs[kind]} ms (medians, no target)`,
    );
  }
  console.log(`  (load average ${result.loadavg.join(' ')}, ${result.cpus} CPUs)`);
  fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench-results', 'start.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('  written: bench-results/start.json');
}
process.exit(code);
