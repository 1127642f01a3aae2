/**
 * `npm run worker` and `npm run migrate` (scripts/run-server.mjs) and the cluster scripts run an
 * entry's compiled file only when the build is of the current sources, else its sources
 * through tsx; migrate is one of the compiled entries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryArgs, SERVER_ENTRIES } from '../../scripts/lib/build-server.mjs';
import { buildIsFresh, writeStamp } from '../../scripts/lib/build-stamp.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

/** a checkout with one source file and a build (BUILD_ID + stamp) of it */
function builtCheckout(opts: { compiled: boolean }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ops2-entries-'));
  roots.push(root);
  fs.mkdirSync(path.join(root, 'src/server'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src/server/worker.ts'), 'export {};\n');
  fs.mkdirSync(path.join(root, '.next'));
  fs.writeFileSync(path.join(root, '.next/BUILD_ID'), 'test');
  if (opts.compiled) {
    fs.mkdirSync(path.join(root, '.build/server'), { recursive: true });
    fs.writeFileSync(path.join(root, '.build/server/worker.mjs'), '');
  }
  writeStamp(root);
  return root;
}

describe('server entries', () => {
  it('compiles the worker and the migration with the web servers', () => {
    expect(SERVER_ENTRIES).toEqual(expect.arrayContaining(['src/server/worker.ts', 'src/server/migrate.ts']));
  });

  it('runs the compiled file when the build is current', () => {
    const root = builtCheckout({ compiled: true });
    expect(buildIsFresh(root)).toBe(true);
    expect(entryArgs(root, 'src/server/worker.ts')).toEqual([path.join(root, '.build/server/worker.mjs')]);
  });

  it('runs the sources through tsx once a source changed after the build', () => {
    const root = builtCheckout({ compiled: true });
    fs.writeFileSync(path.join(root, 'src/server/worker.ts'), 'export const changed = true;\n');
    expect(entryArgs(root, 'src/server/worker.ts')).toEqual([
      '--import',
      'tsx',
      path.join(root, 'src/server/worker.ts'),
    ]);
  });

  it('runs the sources through tsx when a current build has no compiled file for the entry', () => {
    const root = builtCheckout({ compiled: false });
    expect(entryArgs(root, 'src/server/worker.ts')).toEqual([
      '--import',
      'tsx',
      path.join(root, 'src/server/worker.ts'),
    ]);
  });
});
