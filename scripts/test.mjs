#!/usr/bin/env node
/**
 * `npm test`: format check, lint (ESLint, then the layer rules of scripts/check-layers.mjs),
 * typecheck, unit, ai (the AI models' held-out figures: `npm run eval:ai`), integration (PGlite;
 * plus PostgreSQL when TEST_DATABASE_URL is set), the production build and the Playwright
 * journeys in Chromium. Stops at the first failing stage and prints a one-line summary of each
 * stage.
 *
 * Format, lint and typecheck run side by side (each uses one core); the rest in turn.
 * The build happens once, in its own stage (skipped when the build stamp says the build is of
 * the current sources), and the e2e server reuses it: the e2e stage runs with
 * REVIVATECH_BUILD=reuse, so scripts/start.mjs fails instead of building again if something
 * changed the sources in between.
 */
import { spawn } from 'node:child_process';
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
  ['unit', bin('vitest'), ['run', '--project', 'unit', '--project', 'unit-isolated']],
  // the committed AI models on their held-out splits; fails below the targets of ai-models.ts
  ['ai', bin('tsx'), ['--tsconfig', 'tsconfig.json', path.join(root, 'scripts/eval-ai.ts')]],
  ['integration', bin('vitest'), ['run', '--project', 'integration', '--project', 'integration-isolated']],
  ['build', process.execPath, [path.join(root, 'scripts/build.mjs')]],
  ['e2e', bin('playwright'), ['test']],
];

const only = process.argv.slice(2);
// `npm test e2e` builds first too when there is no build of the current sources
const wanted = (name) => !only.length || only.includes(name) || (name === 'build' && only.includes('e2e'));

/**
 * The static checks each keep one core busy (prettier, ESLint, tsc), so they run side by side:
 * on 2 cores the three took 80 s one after another. Each one's output is held and printed whole
 * when it ends, so the log reads as if they had run in turn.
 */
const PARALLEL = new Set(['format', 'lint', 'typecheck']);

function runSteps(name, steps, env, { buffered }) {
  return new Promise((resolve) => {
    const started = Date.now();
    let output = '';
    const log = (text) => (buffered ? (output += text) : process.stdout.write(text));
    const next = (i) => {
      if (i === steps.length) return finish(true);
      const [cmd, args] = steps[i];
      log(`\n▶ ${name}: ${path.basename(cmd)} ${args.join(' ')}\n`);
      const child = spawn(cmd, args, {
        cwd: root,
        env,
        stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      });
      if (buffered) {
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
      }
      child.on('error', (err) => {
        log(`${err.message}\n`);
        finish(false);
      });
      child.on('close', (code) => (code === 0 ? next(i + 1) : finish(false)));
    };
    let finished = false;
    const finish = (ok) => {
      if (finished) return;
      finished = true;
      if (buffered) process.stdout.write(output);
      resolve({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
    };
    next(0);
  });
}

const results = [];
const selected = stages.filter(([name]) => wanted(name));
for (let i = 0; i < selected.length;) {
  let end = i + 1;
  if (PARALLEL.has(selected[i][0])) while (end < selected.length && PARALLEL.has(selected[end][0])) end++;
  const group = selected.slice(i, end);
  i = end;
  const runs = group.map(([name, cmdOrSteps, stageArgs]) => {
    if (name === 'build' && buildIsFresh(root)) {
      console.log('\n▶ build: the build is of the current sources (build stamp), reused');
      return Promise.resolve({ name, ok: true, seconds: '0.0', note: 'reused' });
    }
    if (name === 'e2e') ensureChromium();
    const steps = Array.isArray(cmdOrSteps) ? cmdOrSteps : [[cmdOrSteps, stageArgs]];
    const env = name === 'e2e' ? { ...process.env, REVIVATECH_BUILD: 'reuse' } : process.env;
    return runSteps(name, steps, env, { buffered: group.length > 1 });
  });
  const done = await Promise.all(runs);
  results.push(...done);
  if (done.some((r) => !r.ok)) break;
}

console.log('\nSummary');
for (const r of results) {
  console.log(`  ${r.ok ? '✓' : '✗'} ${r.name} (${r.seconds} s${r.note ? `, ${r.note}` : ''})`);
}
const failed = results.filter((r) => !r.ok).length;
const passed = results.length - failed;
console.log(`stages: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
