import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { env } from '@/env';
import { problemResponse, type AppEnv } from './app';
import { problem } from './errors';
import { apiCsp, commonSecurityHeaders, csrfDecision, isHttps } from './security-headers';

type RequestHeader = (c: Context, name: string) => string | undefined;

type HeaderList = ReadonlyArray<readonly [string, string]>;
const headerCache = new Map<string, HeaderList>();

/** The API's security headers for (https, csp), built once per combination. */
function apiHeaderList(https: boolean, csp: string): HeaderList {
  const key = `${https ? 's' : ''}|${csp}`;
  let list = headerCache.get(key);
  if (!list) {
    list = Object.entries({ ...commonSecurityHeaders(https), 'content-security-policy': csp });
    headerCache.set(key, list);
  }
  return list;
}

/**
 * Sets a response header as cheaply as the server allows. Served by @hono/node-server (main.ts,
 * api-server.ts, the integration harness) it goes straight onto Node's response, which merges it
 * into the status line's headers (a header the handler's own Response sets wins); Hono's
 * `c.header()` instead builds a WHATWG `Headers` object per request (~14% of a quote's CPU).
 * Elsewhere (e.g. `app.request()`) it falls back to `c.header()`.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (outgoing && typeof outgoing.setHeader === 'function' && !outgoing.headersSent) {
    outgoing.setHeader(name, value);
  } else c.header(name, value);
}

/**
 * Puts the security headers (src/server/http/security-headers.ts) on this /api/* response:
 * main.ts, api-server.ts and the integration harness all serve through Node's response, where
 * they reach every answer (the handler's own Response objects (better-auth) and the error
 * handler's included); the API frame calls this before anything else can fail. Elsewhere (e.g.
 * `app.request()`) they go on Hono's context, and the list is returned: a handler answering with
 * its own Response object loses them, so the frame puts them back afterwards
 * (`restoreSecurityHeaders`).
 */
export function applyApiSecurityHeaders(c: Context, requestHeader: RequestHeader): HeaderList | null {
  const https = isHttps({
    appUrl: env.APP_URL,
    trustProxy: env.TRUST_PROXY,
    forwardedProto: requestHeader(c, 'x-forwarded-proto'),
  });
  const headers = apiHeaderList(https, apiCsp(c.req.path));
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (outgoing && typeof outgoing.setHeader === 'function') {
    for (const [k, v] of headers) outgoing.setHeader(k, v);
    return null;
  }
  for (const [k, v] of headers) c.header(k, v);
  return headers;
}

/** After the handler, outside the Node server: the headers again on a Response that lost them. */
export function restoreSecurityHeaders(c: Context, headers: HeaderList): void {
  if (!c.res.headers.has('x-content-type-options')) {
    for (const [k, v] of headers) c.res.headers.set(k, v);
  }
}

/** The CSRF rule: a state-changing request from another site gets 403 CSRF_REJECTED (else null). */
export function csrfRefusal(c: Context<AppEnv>, requestHeader: RequestHeader): Response | null {
  const csrf = csrfDecision({
    method: c.req.method,
    path: c.req.path,
    secFetchSite: requestHeader(c, 'sec-fetch-site'),
    origin: requestHeader(c, 'origin'),
    host: requestHeader(c, 'host'),
    appUrl: env.APP_URL,
  });
  if (csrf.allowed) return null;
  return problemResponse(c, 403, problem(403, 'CSRF_REJECTED', csrf.reason, undefined, c.get('requestId')));
}
