/**
 * Which caching strategy the service worker uses for a request. Pure: the worker (src/app/sw.ts)
 * and the unit tests share it.
 *
 * - never cached: anything but GET, other origins, better-auth (/api/auth/*), live streams,
 *   Next's RSC fetches, health/docs endpoints;
 * - `public-swr`: public answers that are the same for everybody (catalogue with its prices,
 *   shops with their opening hours): stale-while-revalidate in one shared cache;
 * - `private-api`: every other API GET: network first, cached per signed-in session
 *   (`x-cache-scope`, see src/server/http/cache-scope.ts), so nobody is served another's answer;
 * - `page`: page navigations: network first, per session, falling back to the offline page;
 * - `static`: build assets, icons, images, the scanner's WebAssembly decoder: cache first.
 */
export type CacheRule = 'network-only' | 'public-swr' | 'private-api' | 'page' | 'static';

export interface RequestFacts {
  method: string;
  url: URL;
  /** The worker's own origin. */
  origin: string;
  /** Request.mode ('navigate' for page loads). */
  mode?: string;
  /** The Accept header. */
  accept?: string | null;
  /** Next's RSC header ("1" on client-side navigation fetches). */
  rsc?: string | null;
}

/** Public, per-everyone API answers: the catalogue (models, prices), shops (opening hours). */
const PUBLIC_API = [/^\/api\/catalog\//, /^\/api\/shops\/?$/];

/** API paths that must always reach the server. */
const NEVER_CACHED_API = [
  /^\/api\/auth(\/|$)/,
  /\/live\/?$/,
  /^\/api\/(health|ready|docs|openapi\.json)(\/|$)/,
  /^\/api\/pwa\//,
  /^\/api\/notifications\/push\//,
];

// /scanner/<version>/…: the barcode decoder's WebAssembly, immutable under its versioned URL
const STATIC = [
  /^\/_next\/static\//,
  /^\/_next\/image/,
  /^\/icons\//,
  /^\/screenshots\//,
  /^\/icon\.svg$/,
  /^\/scanner\/[^/]+\/[^/]+\.wasm$/,
];

export function cacheRuleFor(req: RequestFacts): CacheRule {
  if (req.method.toUpperCase() !== 'GET') return 'network-only';
  if (req.url.origin !== req.origin) return 'network-only';
  const path = req.url.pathname;
  if (path === '/sw.js' || path.startsWith('/sw.js')) return 'network-only';
  if (req.accept?.includes('text/event-stream')) return 'network-only';
  if (path.startsWith('/api/') || path === '/api') {
    if (NEVER_CACHED_API.some((re) => re.test(path))) return 'network-only';
    if (PUBLIC_API.some((re) => re.test(path))) return 'public-swr';
    return 'private-api';
  }
  if (req.rsc === '1' || req.url.searchParams.has('_rsc')) return 'network-only';
  if (STATIC.some((re) => re.test(path))) return 'static';
  if (req.mode === 'navigate' || req.accept?.includes('text/html')) return 'page';
  // the manifest, favicon and other small same-origin files
  return 'public-swr';
}

/** The header the server puts on every answer: which signed-in session (or "anon") it was for. */
export const CACHE_SCOPE_HEADER = 'x-cache-scope';

/** Cache-name prefixes of per-session caches; a scope is appended. */
export const PRIVATE_CACHE_PREFIXES = ['rt-pages-', 'rt-api-'] as const;

export function privateCacheName(kind: 'page' | 'private-api', scope: string): string {
  return `${kind === 'page' ? 'rt-pages-' : 'rt-api-'}${scope}`;
}

/** The per-session caches that do not belong to `scope` (deleted when the session changes). */
export function staleScopeCaches(cacheNames: readonly string[], scope: string): string[] {
  return cacheNames.filter((name) =>
    PRIVATE_CACHE_PREFIXES.some((p) => name.startsWith(p) && name !== `${p}${scope}`),
  );
}

/** A request that ends the session: the worker drops every per-session cache when it sees one. */
export function isSignOut(method: string, url: URL): boolean {
  return method.toUpperCase() === 'POST' && /^\/api\/auth\/sign-out\/?$/.test(url.pathname);
}

/** A scope value the server may send: "anon" or 16-32 lowercase hex characters. */
export function isValidScope(scope: string | null | undefined): scope is string {
  return !!scope && /^(anon|[0-9a-f]{16,32})$/.test(scope);
}

/**
 * Pages worth having offline even when reached by client-side navigation (which fetches Next's
 * RSC payload, not the page): the registrar fetches these once more as a page so the worker
 * keeps a copy. The home page, the booking form, a tracked repair, my repairs, the console and
 * its scanner.
 */
const OFFLINE_WORTHY = [
  /^\/$/,
  /^\/book-repair\/?$/,
  /^\/track\/[^/]+\/?$/,
  /^\/account\/?$/,
  /^\/account\/repairs\/[^/]+\/?$/,
  /^\/staff\/?$/,
  /^\/staff\/scan\/?$/,
  /^\/staff\/orders\/[^/]+\/?$/,
];

export function isWorthKeepingOffline(pathname: string): boolean {
  return OFFLINE_WORTHY.some((re) => re.test(pathname));
}
