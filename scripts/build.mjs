#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
/** `npm run build`: the Next production build (the Node server runs from source with tsx). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { writeStamp } from './lib/build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
const r = spawnSync(process.execPath, [nextBin, 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
});
if (r.status !== 0) process.exit(r.status ?? 1);
writeStamp(root);
