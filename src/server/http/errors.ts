import { z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { DomainErrorCode, FieldError } from '@/server/domain-error';

/**
 * The HTTP status of each domain error code: the one place a domain error becomes HTTP
 * (handleError in app.ts answers it as problem+json).
 */
export const ERROR_STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  TWO_FACTOR_SETUP_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  SLOT_FULL: 409,
  BOOKING_RELEASED: 409,
  SLOT_UNAVAILABLE: 422,
  IDEMPOTENCY_MISMATCH: 422,
  QUOTE_EXPIRED: 409,
  QUOTE_CHANGED: 409,
  PAYMENT_DECLINED: 402,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export type { FieldError };

export function fieldErrorsFromZod(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  402: 'Payment declined',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Validation failed',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  requestId?: string;
}

export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  requestId?: string,
): Problem {
  return {
    type: `https://revivatech.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** The problem+json shape, declared once for the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
    /** QUOTE_EXPIRED / QUOTE_CHANGED: the fresh price, to offer the customer instead */
    quote: z.record(z.string(), z.unknown()).optional(),
    /** VERSION_CONFLICT: the record's current state (with its version), to compare with the change */
    current: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** The problem+json content entry, for responses not in `errorResponses`. */
export function problemContentOf() {
  return problemContent;
}

/** Shared error responses for route declarations. */
export const errorResponses = {
  400: { description: 'Malformed request', content: problemContent },
  404: { description: 'Not found', content: problemContent },
  409: { description: 'Conflict', content: problemContent },
  422: { description: 'Validation failed (field messages in `errors`)', content: problemContent },
  500: { description: 'Unexpected error (no internals are leaked)', content: problemContent },
} as const;

/** The answers of a route behind `requireUser` / `authorize`: not signed in, or not allowed. */
export const accessErrorResponses = {
  401: { description: 'Not signed in', content: problemContent },
  403: { description: 'Not allowed', content: problemContent },
} as const;

/**
 * Node socket errors and PostgreSQL SQLSTATEs that mean "the database cannot be reached right
 * now" rather than "this request is wrong": class 08 (connection exception), 57P01-57P03 (the
 * server is shutting down, crashed or starting) and 53300 (too many connections).
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
/** node-postgres and pg-pool say it in words, without a code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Query read timeout/,
  /not queryable/,
  /^Cannot use a pool after calling end/,
];

/**
 * Whether an error (or one in its `cause` chain: Drizzle wraps the driver's) says the database
 * is unreachable: the API then answers 503 with Retry-After, not 500 (see handleError in app.ts).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** What a 503 for an unreachable database tells the client to wait, in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
