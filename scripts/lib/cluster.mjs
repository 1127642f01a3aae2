/* global AbortController, TextDecoder */
/**
 * A scaled-out RevivaTech on this machine, for the multi-instance check (scripts/ci) and the load
 * and fault benches (scripts/bench): a fresh PostgreSQL database, `npm run migrate` once, two
 * API instances (src/server/api-server.ts, RUN_JOBS=false) and one worker (`npm run worker`)
 * behind nginx running deploy/nginx.conf, plus an SMTP sink (smtp-server) that counts messages,
 * and (`mail: true`) the admin signed in with mail pointed at the sink (`cluster.cookie`; else
 * mail stays in the outbox). Each process runs
 * its compiled entry when the build is current (as `npm start` and `npm run worker` do), else
 * its sources through tsx. Every process logs to a file in a temp folder; `tail()` prints the
 * end of each on failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startSmtpSink } from './smtp-sink.mjs';
import { buildIsFresh } from './build-stamp.mjs';
import { entryArgs } from './build-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A child process with its output in a log file. */
function launch(name, args, env, logDir) {
  const file = path.join(logDir, `${name}.log`);
  const out = fs.openSync(file, 'a');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  return { name, child, file, tail: (n = 30) => tailOf(file, n) };
}

function tailOf(file, n) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

export async function waitReady(base, proc, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc && proc.child.exitCode !== null)
      throw new Error(`${proc.name} exited on start:\n${proc.tail()}`);
    const ok = await fetch(`${base}/api/ready`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`${proc?.name ?? base} did not become ready:\n${proc?.tail() ?? ''}`);
    await sleep(250);
  }
}

/** Stops a process with SIGTERM (SIGKILL after 20 s); resolves with its exit code. */
export function stopProcess(proc, signal = 'SIGTERM') {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode)
    return Promise.resolve(proc?.child.exitCode);
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.child.kill('SIGKILL'), 20_000);
    proc.child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    proc.child.kill(signal);
  });
}

/** deploy/nginx.conf with this cluster's ports and paths (nothing else changed). */
export function nginxConfig({ listen, upstreams, dir }) {
  let conf = fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=5s;`).join('\n');
  conf = conf
    .replace(/^ {4}server 127\.0\.0\.1:\d+ .*\n/gm, '')
    .replace(/( {4}least_conn;\n)/, `$1${servers}\n`)
    .replace(/listen \d+;/, `listen 127.0.0.1:${listen};`)
    .replace(/^pid .*;$/m, `pid ${dir}/nginx.pid;`)
    .replace(/access_log \S+ revivatech;/, `access_log ${dir}/access.log revivatech;`)
    .replace(/error_log .*;/, `error_log ${dir}/error.log warn;`)
    .replace(/^worker_processes auto;$/m, 'worker_processes 1;')
    .replace(
      /^http \{\n/m,
      `http {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n` +
        `  fastcgi_temp_path ${dir}/fcgi;\n  uwsgi_temp_path ${dir}/uwsgi;\n  scgi_temp_path ${dir}/scgi;\n`,
    );
  if (!conf.includes(`127.0.0.1:${upstreams[0]}`)) throw new Error('could not rewrite deploy/nginx.conf');
  return conf;
}

export function nginxBinary() {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  throw new Error('nginx is not installed: apt-get install -y nginx (Debian package)');
}

async function startNginx({ listen, upstreams, dir }) {
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig({ listen, upstreams, dir }));
  const bin = nginxBinary();
  const test = spawnSync(bin, ['-t', '-q', '-c', conf, '-p', dir, '-e', `${dir}/error.log`], {
    encoding: 'utf8',
  });
  if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}`);
  const out = fs.openSync(path.join(dir, 'nginx.out'), 'a');
  const child = spawn(bin, ['-c', conf, '-p', dir, '-e', `${dir}/error.log`, '-g', 'daemon off;'], {
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  return {
    name: 'nginx',
    child,
    file: path.join(dir, 'error.log'),
    tail: (n = 30) => tailOf(path.join(dir, 'error.log'), n),
  };
}

/**
 * Starts the whole cluster. `adminUrl`: a PostgreSQL URL whose server gets a fresh database
 * named `<prefix>_<random>` (dropped by stop()). Ports: nginx on `portBase`, the instances on
 * `portBase + 1` and `+ 2`, the SMTP sink on `portBase + 3`.
 */
export async function startCluster({
  adminUrl,
  redisUrl,
  portBase,
  prefix = 'scale',
  mail = false,
  env: extra = {},
  log = console.log,
}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rt-${prefix}-`));
  const dbName = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const ports = { nginx: portBase, a: portBase + 1, b: portBase + 2, smtp: portBase + 3 };
  const smtp = await startSmtpSink(ports.smtp);
  const admEmail = `admin@${prefix.replace(/_/g, '-')}.test`;
  const admPassword = 'cluster-admin-password';
  const shared = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: redisUrl,
    DATA_DIR: path.join(dir, 'data'),
    // every instance must share these (README, Production)
    AUTH_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    APP_URL: `http://127.0.0.1:${ports.nginx}`,
    TRUST_PROXY: 'true',
    AUTH_RATE_LIMIT: 'off',
    PUBLIC_RATE_LIMIT: 'off',
    STAFF_TWO_FACTOR: 'optional',
    LOG_LEVEL: 'info',
    QUEUE_POLL_SECONDS: '0.5',
    EMAIL_RETRY_DELAY_SECONDS: '1',
    ...extra,
  };
  const procs = [];
  const t0 = Date.now();
  const fresh = buildIsFresh(ROOT);
  const nodeArgs = (entry) => entryArgs(ROOT, entry, fresh);
  const cluster = {
    dir,
    dbUrl: dbUrl.toString(),
    ports,
    smtp,
    admin: { email: admEmail, password: admPassword },
    base: {
      nginx: `http://127.0.0.1:${ports.nginx}`,
      a: `http://127.0.0.1:${ports.a}`,
      b: `http://127.0.0.1:${ports.b}`,
    },
    procs: {},
    env: shared,
    tail() {
      return procs.map((p) => `--- ${p.name} (${p.file})\n${p.tail()}`).join('\n');
    },
    startInstance(name, port, more = {}) {
      const env = { ...shared, PORT: String(port), HOST: '127.0.0.1', RUN_JOBS: 'false', ...more };
      const p = launch(name, nodeArgs('src/server/api-server.ts'), env, dir);
      procs.push(p);
      cluster.procs[name] = p;
      return p;
    },
    startWorker(name = 'worker') {
      const p = launch(name, nodeArgs('src/server/worker.ts'), shared, dir);
      procs.push(p);
      cluster.procs[name] = p;
      return p;
    },
    async stop() {
      await Promise.all(procs.map((p) => stopProcess(p)));
      await smtp.stop();
      const a2 = new pg.Client({ connectionString: adminUrl });
      await a2.connect();
      await a2.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await a2.end();
      if (!process.env.KEEP_LOGS) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const migrate = launch('migrate', nodeArgs('src/server/migrate.ts'), shared, dir);
    procs.push(migrate);
    const code = await new Promise((resolve) => migrate.child.once('exit', resolve));
    if (code !== 0) throw new Error(`npm run migrate failed:\n${migrate.tail()}`);
    log(`  migrated ${dbName} (${Date.now() - t0} ms)`);
    // migrate also seeded: A, B and the worker start side by side (A alone creates the admin)
    const a = cluster.startInstance('A', ports.a, { ADMIN_EMAIL: admEmail, ADMIN_PASSWORD: admPassword });
    const b = cluster.startInstance('B', ports.b);
    const w = cluster.startWorker();
    await Promise.all([waitReady(cluster.base.a, a), waitReady(cluster.base.b, b)]);
    const ngx = await startNginx({ listen: ports.nginx, upstreams: [ports.a, ports.b], dir: path.join(dir) });
    procs.push(ngx);
    cluster.procs.nginx = ngx;
    await waitReady(cluster.base.nginx, ngx, 15_000);
    for (;;) {
      if (w.child.exitCode !== null) throw new Error(`the worker exited:\n${w.tail()}`);
      if (fs.readFileSync(w.file, 'utf8').includes('worker is ready')) break;
      await sleep(200);
    }
    log(`  A, B, worker and nginx up, ${fresh ? 'compiled' : 'sources through tsx'} (${Date.now() - t0} ms)`);
    if (mail) cluster.cookie = await signInAndConfigureMail(cluster, prefix);
    return cluster;
  } catch (err) {
    console.error(cluster.tail());
    await cluster.stop().catch(() => undefined);
    throw err;
  }
}

/**
 * The admin (created by A at its first start) signs in through nginx and points the shop's mail
 * at the SMTP sink; resolves with the admin's cookie header.
 */
async function signInAndConfigureMail(cluster, prefix) {
  const { nginx } = cluster.base;
  const signIn = await call(nginx, '/api/auth/sign-in/email', {
    method: 'POST',
    headers: { origin: nginx },
    json: cluster.admin,
  });
  if (signIn.status !== 200)
    throw new Error(`admin sign-in through nginx: ${signIn.status} ${await signIn.text()}`);
  const cookie = cookiesFrom(signIn);
  const smtpSet = await call(nginx, '/api/email/configure', {
    method: 'POST',
    headers: { cookie, origin: nginx },
    json: {
      preset: 'custom',
      host: '127.0.0.1',
      port: cluster.smtp.port,
      security: 'none',
      fromName: `RevivaTech ${prefix}`,
      fromAddress: `shop@${prefix.replace(/_/g, '-')}.test`,
    },
  });
  if (smtpSet.status !== 200) throw new Error(`SMTP settings: ${smtpSet.status} ${await smtpSet.text()}`);
  return cookie;
}

/** Polls `fn` every 100 ms until it returns something truthy (resolved with it); throws after `ms`. */
export async function until(what, fn, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

/** Cookie header from a response's Set-Cookie lines. */
export function cookiesFrom(res) {
  return res.headers
    .getSetCookie()
    .map((l) => l.split(';')[0])
    .filter((p) => !p.endsWith('='))
    .join('; ');
}

/** JSON request helper. */
export async function call(base, p, { method = 'GET', json, headers = {}, timeoutMs = 15_000 } = {}) {
  return fetch(`${base}${p}`, {
    method,
    headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: json !== undefined ? JSON.stringify(json) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** A server-sent-events reader: `next(ms)` resolves with the next data event's JSON. */
export async function openSse(base, p, headers = {}) {
  const ctl = new AbortController();
  const res = await fetch(`${base}${p}`, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: ctl.signal,
  });
  if (res.status !== 200) throw new Error(`SSE ${p}: ${res.status} ${await res.text()}`);
  const queue = [];
  const waiters = [];
  let buf = '';
  const decoder = new TextDecoder();
  (async () => {
    try {
      for await (const chunk of res.body) {
        buf += decoder.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) !== -1) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart())
            .join('\n');
          if (!data) continue;
          let json;
          try {
            json = JSON.parse(data);
          } catch {
            json = data;
          }
          queue.push(json);
          waiters.shift()?.();
        }
      }
    } catch {
      /* closed */
    }
  })();
  return {
    headers: res.headers,
    async next(ms = 10_000, match = () => true) {
      const deadline = Date.now() + ms;
      for (;;) {
        const idx = queue.findIndex(match);
        if (idx !== -1) return queue.splice(idx, 1)[0];
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event on ${p} within ${ms} ms`);
        await new Promise((r) => {
          waiters.push(r);
          setTimeout(r, Math.min(left, 250));
        });
      }
    },
    close: () => ctl.abort(),
  };
}

export const bookingBody = (email, overrides = {}) => ({
  modelSlug: 'iphone-15',
  repairSlugs: ['screen-crack'],
  urgency: 'standard',
  service: { type: 'mail_in' },
  customer: { name: 'Load Tester', email },
  paymentMethod: 'collection',
  ...overrides,
});

export { sleep, startSmtpSink };
