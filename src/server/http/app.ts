import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import { logger } from '@/server/logger';
import type { Role } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  ERROR_STATUS,
  fieldErrorsFromZod,
  isDatabaseUnavailable,
  problem,
} from './errors';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  role: Role;
  shopSlug: string | null;
  /** better-auth twoFactor: an authenticator app is set up and verified */
  twoFactorEnabled: boolean;
  /**
   * Staff who must use two-factor and have not set it up: until they do, they have a customer's
   * abilities only, and staff routes answer 403 TWO_FACTOR_SETUP_REQUIRED (access domain).
   */
  mustSetUpTwoFactor: boolean;
}

export interface AppVariables {
  requestId: string;
  /** Filled by the auth hook from the session cookie; null when anonymous. */
  user: SessionUser | null;
}
export interface AppEnv {
  Variables: AppVariables;
}

export function problemResponse(c: Context, status: number, body: ReturnType<typeof problem>) {
  return c.body(JSON.stringify(body), status as 400, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

/**
 * Every router is made here so they share one validation hook: zod failures become
 * 422 problem+json with one message per field, never a stack trace.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = fieldErrorsFromZod(result.error);
        const where = result.target === 'json' ? 'body' : result.target;
        return problemResponse(
          c,
          422,
          problem(422, 'VALIDATION_FAILED', `The request ${where} is invalid.`, errors, c.get('requestId')),
        );
      }
      return undefined;
    },
  });
}

/** The innermost cause's message (the driver's own, without Drizzle's query text and parameters). */
function rootMessage(err: unknown): string {
  let e = err as { cause?: unknown; message?: unknown };
  for (let i = 0; i < 6 && e.cause && typeof e.cause === 'object'; i++) e = e.cause as typeof e;
  return typeof e.message === 'string' ? e.message : String(err);
}

/**
 * The single error handler: domain errors map to their status, an unreachable database to 503
 * with Retry-After; anything else is a 500 whose stack goes to the log, never the response.
 */
export function handleError(err: Error, c: Context<AppEnv>) {
  const requestId = c.get('requestId');
  if (err instanceof DomainError) {
    const status = ERROR_STATUS[err.code];
    if (err.retryAfterSeconds !== undefined)
      c.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
    const body = problem(status, err.code, err.message, err.fieldErrors, requestId);
    return problemResponse(c, status, err.extra ? { ...err.extra, ...body } : body);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const detail =
      status === 400 && /json/i.test(err.message)
        ? 'The request body is not valid JSON.'
        : err.message || 'The request could not be processed.';
    const code = status === 400 ? 'BAD_REQUEST' : status === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${status}`;
    return problemResponse(c, status, problem(status, code, detail, undefined, requestId));
  }
  if (isDatabaseUnavailable(err)) {
    // an outage, not a bug: a short warning per request (no stack), and the client retries
    logger.warn({ cause: rootMessage(err), path: c.req.path }, 'database unavailable');
    c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return problemResponse(
      c,
      503,
      problem(
        503,
        'DATABASE_UNAVAILABLE',
        'The service is briefly unavailable. Please try again shortly.',
        undefined,
        requestId,
      ),
    );
  }
  logger.error({ err, path: c.req.path }, 'unhandled API error');
  return problemResponse(
    c,
    500,
    problem(500, 'INTERNAL', 'Something went wrong on our side. Please try again.', undefined, requestId),
  );
}
