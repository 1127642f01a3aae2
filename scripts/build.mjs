#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
/**
 * `npm run build`: the Next production build, the compiled server (.build/server, see
 * scripts/lib/build-server.mjs) and the pre-initialised database image (.build/db-image, see
 * src/server/db/image.ts); then the build stamp, so `npm start` knows all three are current.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { writeStamp } from './lib/build-stamp.mjs';
import { buildServer } from './lib/build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
const r = spawnSync(process.execPath, [nextBin, 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
});
if (r.status !== 0) process.exit(r.status ?? 1);

const started = Date.now();
await buildServer(root);
console.log(`Compiled server: .build/server (${Date.now() - started} ms)`);

// the image is made by the same code as a first start (TypeScript: through tsx, at build time)
const image = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build-db-image.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'), LOG_LEVEL: 'warn' },
});
if (image.status !== 0) process.exit(image.status ?? 1);
writeStamp(root);
