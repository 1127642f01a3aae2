#!/usr/bin/env node
/**
 * `npm run worker` and `npm run migrate`: runs one server entry (`node scripts/run-server.mjs
 * src/server/worker.ts`) from the build's compiled file when the build is of the current
 * sources (as `npm start` does for the web server), else from the sources through tsx. It never
 * builds: a worker or a migration should not wait minutes for Next; `npm run build` (or a first
 * `npm start`) makes the compiled files. Signals reach the entry, and its exit code is ours.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryArgs, SERVER_ENTRIES } from './lib/build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!SERVER_ENTRIES.includes(entry)) {
  console.error(`usage: node scripts/run-server.mjs <${SERVER_ENTRIES.join(' | ')}>`);
  process.exit(2);
}
process.chdir(root);
const child = spawn(process.execPath, entryArgs(root, entry), { stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
