/**
 * Web security for every response the app sends: the headers (CSP with a per-request nonce for
 * pages, a closed CSP for the API, HSTS over https, framing, referrer and permissions policies)
 * and the CSRF rule for state-changing API requests. Pure functions: main.ts applies them to
 * Next's responses, a Hono middleware in api.ts to the API's.
 */
import { randomBytes } from 'node:crypto';

/** A fresh CSP nonce: 128 random bits, base64 (the form Next reads back from the header). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface PageCspOptions {
  nonce: string;
  /** Stripe's Payment Element is in use (a publishable key is configured). */
  stripe: boolean;
  /** The request came over https: ask the browser to upgrade any http sub-request. */
  https: boolean;
  /** The page may compile WebAssembly (the barcode scanner's decoder): `pageRunsWasm`. */
  wasm?: boolean;
  /** The origin static assets come from when ASSET_PREFIX points at a CDN (`assetOrigin()`). */
  assetOrigin?: string;
}

/**
 * Pages that may compile WebAssembly: the staff console, whose scanner (/staff/scan, the intake
 * form's IMEI/serial scan) falls back to a WebAssembly decoder where the browser has no
 * BarcodeDetector. The whole console, not just those pages: a page keeps the policy of the
 * document it was first loaded as, and client-side navigation moves between console pages.
 */
export function pageRunsWasm(path: string): boolean {
  const pathname = path.split(/[?#]/)[0] ?? '';
  return pathname === '/staff' || pathname.startsWith('/staff/');
}

/**
 * The pages' policy: scripts only with this response's nonce (and what they load, through
 * 'strict-dynamic'); no plugins, no framing, no foreign form targets or <base>. WebAssembly
 * compiles only on the pages that scan (`wasm`), and never eval().
 */
export function pageCsp({ nonce, stripe, https, wasm = false, assetOrigin }: PageCspOptions): string {
  const stripeJs = stripe ? ' https://js.stripe.com' : '';
  // the CDN serving /_next/static and the icons: scripts (where 'strict-dynamic' is not
  // understood), styles, fonts and images may come from it
  const cdn = assetOrigin ? ` ${assetOrigin}` : '';
  // compiling WebAssembly only, not eval() or new Function()
  const wasmEval = wasm ? " 'wasm-unsafe-eval'" : '';
  const directives = [
    "default-src 'self'",
    `script-src 'self'${cdn} 'nonce-${nonce}' 'strict-dynamic'${wasmEval}${stripeJs}`,
    `style-src 'self'${cdn} 'unsafe-inline'`,
    `img-src 'self'${cdn} data: blob:`,
    `font-src 'self'${cdn} data:`,
    `connect-src 'self'${stripe ? ' https://api.stripe.com' : ''}`,
    ...(stripe ? ['frame-src https://js.stripe.com'] : []),
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** JSON and problem responses: nothing may load or run, nothing may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The service worker script (/sw.js): the policy of the worker itself. It imports no scripts and
 * talks only to its own origin.
 */
export const SERVICE_WORKER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** The Swagger UI page under /api/docs: its own scripts and styles, the OpenAPI document. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The CSP for an API path: the docs page gets its own, everything else the closed one. */
export function apiCsp(path: string): string {
  return path === '/api/docs' || path.startsWith('/api/docs/') ? DOCS_CSP : API_CSP;
}

export const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers sent on every response, pages and API alike (the CSP is added per kind). */
export function commonSecurityHeaders(https: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    // camera: damage photos; geolocation: the nearest shop; payment: the Payment Request API
    'permissions-policy': 'camera=(self), geolocation=(self), microphone=(), payment=(self), usb=()',
    'cross-origin-opener-policy': 'same-origin',
    ...(https ? { 'strict-transport-security': HSTS } : {}),
  };
}

export interface HttpsInput {
  appUrl: string | undefined;
  trustProxy: boolean;
  /** X-Forwarded-Proto as Node or Hono hands it over. */
  forwardedProto: string | string[] | undefined;
}

/**
 * Whether the browser reached us over https: APP_URL says so, or a trusted reverse proxy does
 * (X-Forwarded-Proto, first value). HSTS and upgrade-insecure-requests only then.
 */
export function isHttps({ appUrl, trustProxy, forwardedProto }: HttpsInput): boolean {
  if (appUrl?.startsWith('https://')) return true;
  const proto = Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto;
  if (!trustProxy || !proto) return false;
  return proto.split(',')[0]?.trim().toLowerCase() === 'https';
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Provider webhooks come from the provider's servers and are verified by signature. */
const CSRF_EXEMPT_PREFIXES = ['/api/payments/webhooks/'];

export interface CsrfInput {
  method: string;
  path: string;
  /** Sec-Fetch-Site request header, when sent. */
  secFetchSite: string | undefined;
  /** Origin request header, when sent. */
  origin: string | undefined;
  /** Host request header (host[:port]). */
  host: string | undefined;
  /** APP_URL, when configured. */
  appUrl: string | undefined;
}

export type CsrfDecision = { allowed: true } | { allowed: false; reason: string };

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The CSRF rule for /api/*: a state-changing request from another site is refused. Browsers send
 * Sec-Fetch-Site and Origin with every cross-site POST, so either one naming another site is
 * enough to refuse; a request with neither (server-to-server, curl) is not a browser's and passes.
 * The app's own origin is APP_URL's, or the one the request was sent to (its Host).
 */
export function csrfDecision(input: CsrfInput): CsrfDecision {
  if (!STATE_CHANGING.has(input.method.toUpperCase())) return { allowed: true };
  if (CSRF_EXEMPT_PREFIXES.some((p) => input.path.startsWith(p))) return { allowed: true };
  if (input.secFetchSite?.toLowerCase() === 'cross-site') {
    return { allowed: false, reason: 'The request was sent from another site.' };
  }
  if (input.origin === undefined) return { allowed: true };
  const origin = originOf(input.origin);
  // "null" (sandboxed frames, file: pages, some redirects) or garbage: not ours
  if (!origin || origin === 'null') {
    return { allowed: false, reason: 'The request has an opaque or invalid Origin.' };
  }
  const appOrigin = input.appUrl ? originOf(input.appUrl) : null;
  if (appOrigin && origin === appOrigin) return { allowed: true };
  if (input.host) {
    // the Host read with the Origin's scheme, so a default port written out still matches
    const { protocol, host } = new URL(origin);
    if (originOf(`${protocol}//${input.host}`) === `${protocol}//${host}`) return { allowed: true };
  }
  return { allowed: false, reason: `Requests from ${origin} are not accepted.` };
}
