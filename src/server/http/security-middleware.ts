import type { Context, MiddlewareHandler } from 'hono';
import { env } from '@/env';
import { problemResponse, type AppEnv } from './app';
import { problem } from './errors';
import { apiCsp, commonSecurityHeaders, csrfDecision, isHttps } from './security-headers';

/**
 * The API's security headers and CSRF rule (src/server/http/security-headers.ts), for every
 * /api/* response: main.ts, api-server.ts and the integration harness all serve through it.
 */
export function apiSecurity(
  requestHeader: (c: Context, name: string) => string | undefined,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = (name: string) => requestHeader(c, name);
    const https = isHttps({
      appUrl: env.APP_URL,
      trustProxy: env.TRUST_PROXY,
      forwardedProto: header('x-forwarded-proto'),
    });
    const headers = { ...commonSecurityHeaders(https), 'content-security-policy': apiCsp(c.req.path) };
    const csrf = csrfDecision({
      method: c.req.method,
      path: c.req.path,
      secFetchSite: header('sec-fetch-site'),
      origin: header('origin'),
      host: header('host'),
      appUrl: env.APP_URL,
    });
    if (!csrf.allowed) {
      const res = problemResponse(
        c,
        403,
        problem(403, 'CSRF_REJECTED', csrf.reason, undefined, c.get('requestId')),
      );
      for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
      return res;
    }
    // set before the handler runs (cheap path); a handler answering with its own Response
    // object (better-auth) loses them, so those get them afterwards
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    await next();
    if (!c.res.headers.has('x-content-type-options')) {
      for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
    }
  };
}
