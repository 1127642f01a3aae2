/**
 * The API's frame: one Hono app under /api with the middleware every route goes through
 * (security headers, request id and log line, the signed-in user, CSRF, body limits), the
 * OpenAPI document and docs page, the 404 and the one error handler. It knows no domain: the
 * entry (src/server/entry/api.ts) passes in how a session becomes a user and which requests
 * read their own bodies, then mounts the domains' routes.
 */
import type { IncomingMessage } from 'node:http';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Context, Next } from 'hono';
import { logger } from '@/server/logger';
import { requestIdFrom, withLogContext } from '@/server/request-context';
import { handleError, problemResponse, type AppEnv, type SessionUser } from './app';
import { problem } from './errors';
import { mountDocs } from './docs';
import {
  applyApiSecurityHeaders,
  csrfRefusal,
  restoreSecurityHeaders,
  setResponseHeader,
} from './security-middleware';
import { jsonBodyFromNode, MAX_JSON_BODY } from './json-body';
import { unsafeUrlErrors } from './safe-strings';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How a request's body is read before its route runs. */
export type BodyMode =
  /**
   * JSON, read from Node into Hono's cache and capped at 64 KB, its strings checked
   * (safe-strings.ts) (the default; a handler that reads a WHATWG Request itself, such as
   * better-auth, gets one from `requestWithCheckedBody`)
   */
  | 'json'
  /** JSON read as 'json' but passed on byte for byte, unchecked (signed webhooks) */
  | 'verbatim'
  /** the route reads and caps its own body (streamed uploads) */
  | 'own';

export interface ApiAppOptions {
  /**
   * The signed-in user of a request, or null. Called for every request, so it must answer
   * anonymous requests without touching the database.
   */
  resolveUser(request: {
    path: string;
    header(name: string): string | undefined;
    headers: Headers;
  }): Promise<SessionUser | null> | SessionUser | null;
  /** How this request's body is read (default 'json'). */
  bodyMode?(method: string, path: string): BodyMode;
}

/**
 * A request header straight from Node when served by main.ts: building a WHATWG Headers object
 * for every request costs a third of a catalogue search.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const node = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return node ? (node.headers[name] as string | undefined) : c.req.header(name);
}

/**
 * The /api app with its frame; mount routes on it, then call `finishApiApp`.
 *
 * The frame is one middleware doing, in order: security headers, request id, log context, user,
 * CSRF, body, URL checks. One layer instead of six: every async middleware costs Hono's
 * dispatch a closure and promises, and each promise costs more while the log context's
 * AsyncLocalStorage is enabled (Node 20's async hooks); docs/benchmarks.md has the figures.
 */
export function createApiApp(options: ApiAppOptions) {
  const app = new OpenAPIHono<AppEnv>().basePath('/api');

  // Only requests that carry a body are limited: touching `req.raw.body` on a GET makes
  // @hono/node-server build a full Request object, which costs ~40% of a cheap GET's time.
  const limitBody = bodyLimit({
    maxSize: MAX_JSON_BODY,
    onError: (c) =>
      problemResponse(c, 413, problem(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 64 KB.')),
  });

  // NUL or a lone surrogate in a path param or the query string: 422, never a database error
  const checkUrl = (c: Context<AppEnv>, next: Next) => {
    const { where, errors } = unsafeUrlErrors(c);
    if (errors.length > 0) {
      c.res = problemResponse(
        c,
        422,
        problem(422, 'VALIDATION_FAILED', `The request ${where} is invalid.`, errors, c.get('requestId')),
      );
      return;
    }
    return next();
  };

  /** After the request id and user: CSRF, then the body, then the URL, then the route. */
  const serve = async (c: Context<AppEnv>, next: Next, header: (name: string) => string | undefined) => {
    const user = options.resolveUser({
      path: c.req.path,
      header,
      get headers() {
        return c.req.raw.headers;
      },
    });
    // an anonymous request (most) is answered without waiting a turn
    c.set('user', user instanceof Promise ? await user : user);
    const started = performance.now();
    // cross-site state-changing requests are refused (CSRF)
    const refused = csrfRefusal(c, requestHeader);
    if (refused) c.res = refused;
    else if (BODYLESS.has(c.req.method)) await checkUrl(c, next);
    else {
      const mode = options.bodyMode?.(c.req.method, c.req.path) ?? 'json';
      if (mode === 'own') await checkUrl(c, next);
      else
        await jsonBodyFromNode(
          c,
          () => checkUrl(c, next) ?? Promise.resolve(),
          limitBody,
          mode === 'verbatim',
        );
    }
    const ms = performance.now() - started;
    const status = c.res.status;
    if (status >= 500 || ms > 1000) {
      logger.warn({ method: c.req.method, path: c.req.path, status, ms: Math.round(ms) }, 'api request');
    } else if (logger.isLevelEnabled('debug')) {
      logger.debug({ method: c.req.method, path: c.req.path, status, ms: Math.round(ms) }, 'api request');
    }
  };

  app.use('*', async (c, next) => {
    // security headers on every API response, errors included: first, before anything can fail
    const restore = applyApiSecurityHeaders(c, requestHeader);
    const header = (name: string) => requestHeader(c, name);
    // the proxy's id when it is short and safe (logged and echoed as is), else a new one
    const reqId = requestIdFrom(header('x-request-id'));
    c.set('requestId', reqId);
    // set before the handler runs: changing headers of a finished response makes Hono
    // rebuild it as a full Response and re-read its body
    setResponseHeader(c, 'x-request-id', reqId);
    // every log line written while serving it, and every job it enqueues, carries `reqId`
    await withLogContext({ reqId }, () => serve(c, next, header));
    if (restore) restoreSecurityHeaders(c, restore);
  });

  return app;
}

/** The OpenAPI document, the docs page, the API's 404 and its one error handler. */
export function finishApiApp(app: ReturnType<typeof createApiApp>): void {
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'RevivaTech API',
      version: '0.1.0',
      description:
        'Catalogue, pricing, booking and tracking for a device-repair shop. Errors are application/problem+json.',
    },
  });
  mountDocs(app);
  app.notFound((c) =>
    problemResponse(c, 404, problem(404, 'NOT_FOUND', `No API route for ${c.req.method} ${c.req.path}.`)),
  );
  app.onError(handleError);
}
