/**
 * The HTTP API: every domain's Hono routes composed under /api, one middleware chain and one
 * error handler. `AppType` gives client components a typed client (`hc<AppType>`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { logger } from '@/server/logger';
import { createRouter, handleError, problemResponse, type AppEnv } from '@/server/http/app';
import { problem } from '@/server/http/errors';
import { mountDocs } from '@/server/http/docs';
import { apiSecurityHeaders, csrfGuard } from '@/server/http/security-middleware';
import { jsonBodyFromNode, MAX_JSON_BODY } from '@/server/http/json-body';
import { catalogApi } from '@/features/catalog/api';
import { shopsApi } from '@/features/shops/api';
import { pricingApi } from '@/features/pricing/api';
import { bookingApi } from '@/features/booking/api';
import { manageBookingApi } from '@/features/booking/manage-api';
import { repairsApi } from '@/features/repairs/api';
import { portalApi } from '@/features/repairs/portal-api';
import { quotesApi } from '@/features/repairs/quotes-api';
import { isPhotoUploadRequest, photosApi } from '@/features/repairs/photos-api';
import { staffOrdersApi } from '@/features/repairs/staff-api';
import { systemApi } from '@/features/system/api';
import { getAuth } from '@/features/auth/server/auth';
import { withClientIp } from '@/features/auth/server/web-security';
import { authApi } from '@/features/auth/api';
import { sessionUserFromHeaders } from '@/features/auth/server/session';
import { emailApi } from '@/features/email/api';
import { liveApi } from '@/features/live/api';
import { notificationsApi } from '@/features/notifications/api';
import { paymentsApi } from '@/features/payments/api';
import { auditApi } from '@/features/audit/api';
import { securityApi } from '@/features/security/api';
import { withStatusOverride } from '@/features/security/server/status-override';
import { auditRequestFrom, withAuditRequest } from '@/features/audit/server/record-audit';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request header straight from Node when served by main.ts: building a WHATWG Headers object
 * for every request costs a third of a catalogue search.
 */
function requestHeader(c: Context, name: string): string | undefined {
  const node = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return node ? (node.headers[name] as string | undefined) : c.req.header(name);
}

function buildApi() {
  const app = new OpenAPIHono<AppEnv>().basePath('/api');

  // security headers on every API response, errors included
  app.use('*', apiSecurityHeaders(requestHeader));

  app.use('*', async (c, next) => {
    const header = (name: string) => requestHeader(c, name);
    const incomingId = header('x-request-id');
    const requestId = incomingId && /^[\w-]{1,64}$/.test(incomingId) ? incomingId : randomUUID();
    c.set('requestId', requestId);
    // auth hook: the signed-in user from the session cookie (null when anonymous, without a query)
    const cookie = header('cookie');
    const needsSession = !!cookie?.includes('session_token') && !c.req.path.startsWith('/api/auth/');
    c.set('user', needsSession ? await sessionUserFromHeaders(c.req.raw.headers, getAuth()) : null);
    // set before the handler runs: changing headers of a finished response makes Hono
    // rebuild it as a full Response and re-read its body
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    const status = c.res.status;
    if (status >= 500 || ms > 1000) {
      logger.warn(
        { requestId, method: c.req.method, path: c.req.path, status, ms: Math.round(ms) },
        'api request',
      );
    } else {
      logger.debug(
        { requestId, method: c.req.method, path: c.req.path, status, ms: Math.round(ms) },
        'api request',
      );
    }
  });

  // cross-site state-changing requests are refused (CSRF)
  app.use('*', csrfGuard(requestHeader));

  // Only requests that carry a body are limited: touching `req.raw.body` on a GET makes
  // @hono/node-server build a full Request object, which costs ~40% of a cheap GET's time.
  const limitBody = bodyLimit({
    maxSize: MAX_JSON_BODY,
    onError: (c) =>
      problemResponse(c, 413, problem(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 64 KB.')),
  });
  app.use('*', async (c, next) => {
    if (BODYLESS.has(c.req.method)) return next();
    // photo uploads read their own multipart body with a larger cap, enforced while it streams
    if (isPhotoUploadRequest(c.req.method, c.req.path)) return next();
    // better-auth reads the raw request body itself
    if (c.req.path.startsWith('/api/auth/')) return limitBody(c, next);
    await jsonBodyFromNode(c, next, limitBody);
  });

  // accounts: sign-up, sign-in, sign-out, sessions, e-mail verification, password reset
  // (inside the caller's request for the audit log's address and user agent)
  // (inside the caller's request for the audit log's address and user agent). better-auth's
  // per-IP limits and session list read the client address from a header the app sets here
  // (socket address, or X-Forwarded-For only with TRUST_PROXY): a client cannot choose it.
  app.on(['GET', 'POST'], '/auth/*', async (c) => {
    const auth = await getAuth();
    const caller = auditRequestFrom(c);
    const request = withClientIp(c.req.raw, caller.ip);
    return withAuditRequest(caller, () => withStatusOverride(() => auth.handler(request)));
  });

  const routes = app
    .route('/', systemApi)
    .route('/', catalogApi)
    .route('/', shopsApi)
    .route('/', pricingApi)
    .route('/', bookingApi)
    .route('/', manageBookingApi)
    .route('/', repairsApi)
    .route('/', portalApi)
    .route('/', quotesApi)
    .route('/', photosApi)
    .route('/', staffOrdersApi)
    .route('/', authApi)
    .route('/', emailApi)
    .route('/', liveApi)
    .route('/', notificationsApi)
    .route('/', paymentsApi)
    .route('/', auditApi)
    .route('/', securityApi);

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
  return routes;
}

export type AppType = ReturnType<typeof buildApi>;

declare global {
  var __rtApi: AppType | undefined;
}

export function getApi(): AppType {
  return (globalThis.__rtApi ??= buildApi());
}

export { createRouter };
