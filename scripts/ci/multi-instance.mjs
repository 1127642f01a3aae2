#!/usr/bin/env node
/**
 * CI's multi-instance check (run by .ci/run after `npm test`; exits 1 loudly on any failure):
 * two API instances with RUN_JOBS=false and one `npm run worker` on PostgreSQL and Redis, behind
 * nginx running deploy/nginx.conf (scripts/lib/cluster.mjs starts them).
 *
 * 1. A booking made through instance A is streamed live (SSE) to a staff board on instance B, and
 *    to one opened through nginx (so the proxy does not buffer the stream).
 * 2. Jobs enqueued by the web instances (which work none: RUN_JOBS=false) run exactly once, in
 *    the worker: each booking's confirmation e-mail reaches a real SMTP sink once.
 * 3. Every process stops with exit code 0 on SIGTERM; the worker, stopped in the middle of an
 *    SMTP send, finishes it first (the e-mail arrives once).
 *
 * Env: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a database is created
 * and dropped), TEST_REDIS_URL (default redis://127.0.0.1:6379; DB 3 is used unless the URL
 * names one), MULTI_PORT_BASE (default 3380: nginx, +1 A, +2 B, +3 SMTP), KEEP_LOGS=1.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { bookingBody, call, openSse, sleep, startCluster, stopProcess, until } from '../lib/cluster.mjs';

const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const redis = new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');
if (redis.pathname === '' || redis.pathname === '/') redis.pathname = '/3';
const portBase = Number(process.env.MULTI_PORT_BASE || 3380);

const started = Date.now();
const step = (msg) => console.log(`multi-instance: ${msg} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

let cluster;
const streams = [];
try {
  step('starting PostgreSQL database, A, B, worker, nginx, SMTP sink');
  cluster = await startCluster({
    adminUrl,
    redisUrl: redis.toString(),
    portBase,
    prefix: 'scale_multi',
    mail: true,
    log: step,
  });
  const { base, smtp, cookie } = cluster;

  for (const name of ['A', 'B']) {
    const log = fs.readFileSync(cluster.procs[name].file, 'utf8');
    assert.ok(log.includes('queue started (enqueue only)'), `${name} must not work jobs (RUN_JOBS=false)`);
  }

  // 1. live across instances: a board on B, one through nginx; book on A
  const onB = await openSse(base.b, '/api/staff/live', { cookie });
  const viaNginx = await openSse(base.nginx, '/api/staff/live', { cookie });
  streams.push(onB, viaNginx);
  await sleep(300); // both subscribed
  const first = await call(base.a, '/api/bookings', {
    method: 'POST',
    json: bookingBody('first@multi.test'),
  });
  assert.equal(first.status, 201, `booking on A: ${await first.clone().text()}`);
  const { reference } = await first.json();
  const isIt = (e) => e && e.reference === reference && e.type === 'created';
  await onB.next(10_000, isIt);
  await viaNginx.next(10_000, isIt);
  step(`booking ${reference} made on A streamed live on B and through nginx`);

  // 2. jobs exactly once: 12 more bookings through nginx (both instances), one e-mail each
  const emails = ['first@multi.test'];
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => {
      const email = `c${i}@multi.test`;
      emails.push(email);
      return call(base.nginx, '/api/bookings', { method: 'POST', json: bookingBody(email) });
    }),
  );
  for (const r of answers) assert.equal(r.status, 201, `booking through nginx: ${r.status}`);
  // nginx spread them over both instances (its log names the upstream of each request)
  const upstreams = new Set(
    fs
      .readFileSync(`${cluster.dir}/access.log`, 'utf8')
      .split('\n')
      .filter((l) => l.includes('POST /api/bookings'))
      .map((l) => /upstream=(\S+)/.exec(l)?.[1]),
  );
  assert.ok(upstreams.size === 2, `nginx sent bookings to both instances: ${[...upstreams].join(', ')}`);
  await until('every confirmation e-mail delivered', () => emails.every((e) => smtp.count(e) >= 1), 30_000);
  await sleep(2_500); // a duplicate would arrive within the worker's next polls
  for (const e of emails) assert.equal(smtp.count(e), 1, `confirmation e-mails to ${e}`);
  const workerLog = fs.readFileSync(cluster.procs.worker.file, 'utf8');
  assert.ok(!/"level":(50|60)/.test(workerLog), `the worker logged errors:\n${cluster.procs.worker.tail()}`);
  step(
    `${emails.length} bookings enqueued by A and B (no job work there), each e-mail delivered once by the worker`,
  );

  // 3. graceful stop: SIGTERM while the worker is in the middle of a send; the send completes
  for (const s of streams.splice(0)) s.close();
  smtp.holdMs = 3_000;
  const last = 'graceful@multi.test';
  const lastBooking = await call(base.nginx, '/api/bookings', { method: 'POST', json: bookingBody(last) });
  assert.equal(lastBooking.status, 201);
  await until('the last e-mail in the SMTP DATA phase', () => smtp.receiving.includes(last), 30_000);
  const workerCode = await stopProcess(cluster.procs.worker);
  assert.equal(workerCode, 0, 'the worker exits 0 on SIGTERM');
  assert.equal(
    smtp.count(last),
    1,
    'the e-mail being sent at SIGTERM was delivered before the worker exited',
  );
  assert.ok(fs.readFileSync(cluster.procs.worker.file, 'utf8').includes('worker stopped'));
  const codes = await Promise.all(['A', 'B'].map((n) => stopProcess(cluster.procs[n])));
  assert.deepEqual(codes, [0, 0], 'A and B exit 0 on SIGTERM');
  step('worker stopped on SIGTERM after finishing its send; A and B stopped cleanly');
  await cluster.stop();
  step('passed');
} catch (err) {
  for (const s of streams) s.close();
  console.error('\nmulti-instance: FAILED\n', err);
  if (cluster) {
    console.error(cluster.tail());
    await cluster.stop().catch(() => undefined);
  }
  process.exit(1);
}
