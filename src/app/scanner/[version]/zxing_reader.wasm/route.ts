/**
 * GET /scanner/<version>/zxing_reader.wasm: the WebAssembly barcode decoder (zxing-wasm), served by
 * the app itself, never a CDN: the scanner works offline and under the pages' CSP
 * (connect-src 'self'; 'wasm-unsafe-eval' on the console's pages). The version in the path is
 * the installed package's, so the file is immutable under its URL: browsers and the service
 * worker (cache-first, src/features/pwa/worker/cache-rules.ts) keep it until a new version.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const PACKAGE_DIR = path.join(process.cwd(), 'node_modules', 'zxing-wasm');

let loaded: Promise<{ version: string; wasm: Uint8Array }> | null = null;

function load() {
  loaded ??= Promise.all([
    readFile(path.join(PACKAGE_DIR, 'package.json'), 'utf8'),
    readFile(path.join(PACKAGE_DIR, 'dist', 'reader', 'zxing_reader.wasm')),
  ]).then(([pkg, wasm]) => ({
    version: (JSON.parse(pkg) as { version: string }).version,
    wasm: new Uint8Array(wasm),
  }));
  return loaded;
}

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ version: string }> }) {
  const [{ version: wanted }, { version, wasm }] = await Promise.all([params, load()]);
  if (wanted !== version) {
    return new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
  }
  return new Response(wasm as unknown as BodyInit, {
    headers: {
      'content-type': 'application/wasm',
      'content-length': String(wasm.byteLength),
      'cache-control': 'public, max-age=31536000, immutable',
    },
  });
}
