#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
/**
 * `npm start`: builds the app if there is no build for the current sources, then runs the
 * server in production mode (migrations and first-run seeding happen inside the server).
 */
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildIsFresh } from './lib/build-stamp.mjs';
import { entryArgs } from './lib/build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

if (!buildIsFresh(root)) {
  // `npm test` builds once before the e2e stage and asks the server to reuse that build
  if (process.env.REVIVATECH_BUILD === 'reuse') {
    console.error(
      'The build is not of the current sources any more (REVIVATECH_BUILD=reuse): something changed ' +
        'src/, messages/, public/ or a build config after the build stage. Not building again.',
    );
    process.exit(1);
  }
  console.log('Building RevivaTech (first start, or the sources changed)…');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// the build is current here: run its compiled server; a build from before the server was
// compiled has none, and then the sources run through tsx as `npm run dev` does
const child = spawn(process.execPath, entryArgs(root, 'src/server/main.ts', true), {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
fs.mkdirSync(path.join(root, 'data'), { recursive: true });
