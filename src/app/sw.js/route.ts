/**
 * GET /sw.js: the service worker, bundled from src/app/sw.ts by @serwist/turbopack at build time
 * (the route is static) with the precache manifest injected. main.ts adds `Cache-Control:
 * no-cache` so browsers always check for a new version.
 */
import { randomUUID } from 'node:crypto';
import { createSerwistRoute } from '@serwist/turbopack';

// the offline page links this build's CSS and JS chunks: a new build, a new copy of it
const revision = randomUUID();

const serwist = createSerwistRoute({
  swSrc: 'src/app/sw.ts',
  useNativeEsbuild: true,
  rebuildOnChange: false,
  // no source map: it would be served as /sw.js.map, which no route answers
  esbuildOptions: { sourcemap: false },
  globPatterns: ['.next/static/**/*.{js,css,woff2,woff,ttf,svg,png,webp,ico}', 'public/icons/*.png'],
  additionalPrecacheEntries: [{ url: '/offline', revision }],
});

export const dynamic = 'force-static';
export const revalidate = false;

export async function GET(request: Request) {
  return serwist.GET(request as never, { params: Promise.resolve({ path: 'sw.js' }) });
}
