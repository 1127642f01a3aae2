#!/usr/bin/env node
/**
 * `npm test`: format check, lint, typecheck, unit, integration (PGlite; plus PostgreSQL when
 * TEST_DATABASE_URL is set) and the Playwright journeys in Chromium. Stops at the first
 * failing stage and prints a one-line summary of each stage.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './lib/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const stages = [
  ['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['typecheck', bin('tsc'), ['--noEmit', '-p', '.']],
  ['unit', bin('vitest'), ['run', '--project', 'unit']],
  ['integration', bin('vitest'), ['run', '--project', 'integration']],
  ['e2e', bin('playwright'), ['test']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of stages) {
  if (only.length && !only.includes(name)) continue;
  if (name === 'e2e') ensureChromium();
  console.log(`\n▶ ${name}: ${path.basename(cmd)} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: r.status === 0, seconds });
  if (r.status !== 0) break;
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.name} (${r.seconds} s)`);
const failed = results.filter((r) => !r.ok).length;
const passed = results.length - failed;
console.log(`stages: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
