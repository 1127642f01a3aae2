/**
 * The compiled server: `npm run build` bundles the server's own TypeScript (src/, through the
 * `@/` alias) with esbuild into .build/server/*.mjs, so `npm start` runs plain JavaScript
 * instead of compiling and importing every file through tsx's loader hooks (README, "Start-up
 * time"). Packages stay external (imported from node_modules as they are): Next, native modules
 * (sharp), PGlite's wasm and data files and the AI model files resolve exactly as under tsx.
 * Paths the server reads at run time (migrations, models, public/) are resolved from the
 * project root (process.cwd()), never from the bundle's own location.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildIsFresh } from './build-stamp.mjs';
import { SERVER_EXTERNAL_PACKAGES } from './server-external-packages.mjs';

/**
 * One entry per process kind; a new entry point is one line here. An entry whose file does not
 * exist (yet) is skipped: worker.ts is the queue-only process (`npm run worker`), migrate.ts
 * `npm run migrate`.
 */
export const SERVER_ENTRIES = [
  'src/server/main.ts',
  'src/server/api-server.ts',
  'src/server/worker.ts',
  'src/server/migrate.ts',
];

export const SERVER_OUT_DIR = '.build/server';

const EXTERNAL = [
  'next',
  'react',
  'react-dom',
  'swagger-ui-dist',
  'zxing-wasm',
  'vader-sentiment',
  // the packages next.config.ts keeps out of Next's server bundle, so both share one copy
  ...SERVER_EXTERNAL_PACKAGES,
].flatMap((p) => [p, `${p}/*`]);

/** The compiled file of an entry, e.g. src/server/main.ts -> .build/server/main.mjs */
export function compiledEntry(root, entry) {
  return path.join(root, SERVER_OUT_DIR, `${path.basename(entry, '.ts')}.mjs`);
}

/**
 * Node's arguments to run an entry: its compiled file when the build is of the current sources
 * (`fresh`, computed here unless the caller already knows), else the sources through tsx.
 */
export function entryArgs(root, entry, fresh = buildIsFresh(root)) {
  const compiled = compiledEntry(root, entry);
  return fresh && fs.existsSync(compiled) ? [compiled] : ['--import', 'tsx', path.join(root, entry)];
}

export async function buildServer(root) {
  const esbuild = await import('esbuild');
  const outdir = path.join(root, SERVER_OUT_DIR);
  fs.rmSync(outdir, { recursive: true, force: true });
  const entryPoints = SERVER_ENTRIES.filter((e) => fs.existsSync(path.join(root, e))).map((e) =>
    path.join(root, e),
  );
  await esbuild.build({
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // bundled CommonJS packages call require() for Node's built-ins
    banner: {
      js: "import { createRequire as __rtRequire } from 'node:module'; const require = __rtRequire(import.meta.url);",
    },
    tsconfig: path.join(root, 'tsconfig.json'),
    absWorkingDir: root,
    // for stack traces: `NODE_OPTIONS=--enable-source-maps npm start`
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
