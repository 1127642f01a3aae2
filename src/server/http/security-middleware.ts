import type { Context, MiddlewareHandler } from 'hono';
import { env } from '@/env';
import { problemResponse, type AppEnv } from './app';
import { problem } from './errors';
import { apiCsp, commonSecurityHeaders, csrfDecision, isHttps } from './security-headers';

type RequestHeader = (c: Context, name: string) => string | undefined;

/**
 * The security headers (src/server/http/security-headers.ts) on every /api/* response:
 * main.ts, api-server.ts and the integration harness all serve through it. Registered first,
 * so answers made by the error handler for a failure in a later middleware get them too.
 */
export function apiSecurityHeaders(requestHeader: RequestHeader): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const https = isHttps({
      appUrl: env.APP_URL,
      trustProxy: env.TRUST_PROXY,
      forwardedProto: requestHeader(c, 'x-forwarded-proto'),
    });
    const headers = { ...commonSecurityHeaders(https), 'content-security-policy': apiCsp(c.req.path) };
    // set before the handler runs (cheap path); a handler answering with its own Response
    // object (better-auth) loses them, so those get them afterwards
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    await next();
    if (!c.res.headers.has('x-content-type-options')) {
      for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
    }
  };
}

/** The CSRF rule: a state-changing request from another site gets 403 CSRF_REJECTED. */
export function csrfGuard(requestHeader: RequestHeader): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const csrf = csrfDecision({
      method: c.req.method,
      path: c.req.path,
      secFetchSite: requestHeader(c, 'sec-fetch-site'),
      origin: requestHeader(c, 'origin'),
      host: requestHeader(c, 'host'),
      appUrl: env.APP_URL,
    });
    if (!csrf.allowed) {
      return problemResponse(
        c,
        403,
        problem(403, 'CSRF_REJECTED', csrf.reason, undefined, c.get('requestId')),
      );
    }
    await next();
  };
}
