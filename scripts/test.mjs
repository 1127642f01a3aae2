#!/usr/bin/env node
/**
 * `npm test`: format check, lint (ESLint, then the layer rules of scripts/check-layers.mjs),
 * typecheck, unit, integration (PGlite; plus PostgreSQL when TEST_DATABASE_URL is set), the
 * production build and the Playwright journeys in Chromium. Stops at the first failing stage
 * and prints a one-line summary of each stage.
 *
 * The build happens once, in its own stage (skipped when the build stamp says the build is of
 * the current sources), and the e2e server reuses it: the e2e stage runs with
 * REVIVATECH_BUILD=reuse, so scripts/start.mjs fails instead of building again if something
 * changed the sources in between.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsFresh } from './lib/build-stamp.mjs';
import { ensureChromium } from './lib/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// a stage is one command, or several run in turn (the stage fails at the first that fails)
const stages = [
  ['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  [
    'lint',
    [
      [bin('eslint'), ['.', '--max-warnings=0']],
      [process.execPath, [path.join(root, 'scripts/check-layers.mjs')]],
    ],
  ],
  ['typecheck', bin('tsc'), ['--noEmit', '-p', '.']],
  ['unit', bin('vitest'), ['run', '--project', 'unit']],
  ['integration', bin('vitest'), ['run', '--project', 'integration']],
  ['build', process.execPath, [path.join(root, 'scripts/build.mjs')]],
  ['e2e', bin('playwright'), ['test']],
];

const only = process.argv.slice(2);
// `npm test e2e` builds first too when there is no build of the current sources
const wanted = (name) => !only.length || only.includes(name) || (name === 'build' && only.includes('e2e'));
const results = [];
for (const [name, cmdOrSteps, stageArgs] of stages) {
  if (!wanted(name)) continue;
  if (name === 'build' && buildIsFresh(root)) {
    console.log('\n▶ build: the build is of the current sources (build stamp), reused');
    results.push({ name, ok: true, seconds: '0.0', note: 'reused' });
    continue;
  }
  if (name === 'e2e') ensureChromium();
  const steps = Array.isArray(cmdOrSteps) ? cmdOrSteps : [[cmdOrSteps, stageArgs]];
  const started = Date.now();
  const env = name === 'e2e' ? { ...process.env, REVIVATECH_BUILD: 'reuse' } : process.env;
  let ok = true;
  for (const [cmd, args] of steps) {
    console.log(`\n▶ ${name}: ${path.basename(cmd)} ${args.join(' ')}`);
    const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
    if (r.status !== 0) {
      ok = false;
      break;
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok, seconds });
  if (!ok) break;
}

console.log('\nSummary');
for (const r of results) {
  console.log(`  ${r.ok ? '✓' : '✗'} ${r.name} (${r.seconds} s${r.note ? `, ${r.note}` : ''})`);
}
const failed = results.filter((r) => !r.ok).length;
const passed = results.length - failed;
console.log(`stages: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
