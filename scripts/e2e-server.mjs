#!/usr/bin/env node
/**
 * Starts the production server for Playwright on an empty database (a true first start): a
 * fresh PGlite data folder, or with E2E_DATABASE=postgres a fresh PostgreSQL database of this
 * run's own on the server of TEST_DATABASE_URL, `revivatech_e2e_<port>`, dropped and created
 * here (scripts/lib/e2e-database.mjs). The data folder (secrets, uploads) is fresh either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generate } from 'selfsigned';
import { e2eDatabaseKind, e2ePostgres } from './lib/e2e-database.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '3210';
const dataDir = path.join(root, 'test-results', 'e2e-data');
fs.rmSync(dataDir, { recursive: true, force: true });

// A stand-in push service for tests/e2e/push.spec.ts (Chromium has none offline): the journey
// serves HTTPS with this certificate, and the server trusts its test CA through Node's own
// NODE_EXTRA_CA_CERTS (nothing in the app changes).
const pushPeerDir = path.join(root, 'test-results', 'e2e-push-peer');
fs.rmSync(pushPeerDir, { recursive: true, force: true });
fs.mkdirSync(pushPeerDir, { recursive: true });
const ca = await generate([{ name: 'commonName', value: 'RevivaTech e2e push CA' }], {
  keyType: 'ec',
  algorithm: 'sha256',
  extensions: [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ],
});
const peer = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
  keyType: 'ec',
  algorithm: 'sha256',
  ca: { key: ca.private, cert: ca.cert },
  extensions: [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
  ],
});
fs.writeFileSync(path.join(pushPeerDir, 'ca.pem'), ca.cert);
fs.writeFileSync(path.join(pushPeerDir, 'cert.pem'), peer.cert);
fs.writeFileSync(path.join(pushPeerDir, 'key.pem'), peer.private);

const env = {
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  NODE_EXTRA_CA_CERTS: path.join(pushPeerDir, 'ca.pem'),
};
// the app reads DATABASE_URL only; never let one from the shell point the run at a real database
delete env.DATABASE_URL;

if (e2eDatabaseKind() === 'postgres') {
  const { name, url, serverUrl } = e2ePostgres(port);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    // WITH (FORCE): a server of an earlier, killed run may still hold connections to it
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  env.DATABASE_URL = url;
  console.log(`e2e server: PostgreSQL database ${name} (fresh)`);
} else {
  console.log('e2e server: PGlite in a fresh data folder');
}

const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
