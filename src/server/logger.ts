import pino from 'pino';
import { env } from '@/env';
import { logContext } from '@/server/request-context';

declare global {
  var __rtLogger: pino.Logger | undefined;
}

/**
 * Properties of an error that carry the data of a request, not the fault: a failed Drizzle
 * query's `params` (names, e-mails, messages), PostgreSQL's `detail` ("Key (email)=(…) already
 * exists") and `where`, and the query text some drivers attach.
 */
const DATA_PROPS = new Set(['params', 'parameters', 'detail', 'where', 'internalQuery', 'query', 'client']);
/** A Drizzle error message ends with its parameters: "Failed query: …\nparams: …". */
const PARAMS_TAIL = /\nparams:[\s\S]*$/;
/** PostgreSQL quotes the offending input at the end: `invalid input syntax for type uuid: "…"`. */
const QUOTED_INPUT = /(: )"[^"]*"$/;

function scrubMessage(message: string): string {
  return message.replace(PARAMS_TAIL, '').replace(QUOTED_INPUT, '$1"[redacted]"');
}

/**
 * The error serializer of every log line (`err`, `error`, and their `cause` chain): type,
 * message, stack and the fault's own fields (a SQLSTATE `code`, a `constraint`), without the
 * query parameters or input values a failed query carries.
 */
export function safeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const raw = value as Error & Record<string, unknown>;
  const message = scrubMessage(raw.message);
  const out: Record<string, unknown> = {
    type: raw.constructor?.name ?? raw.name,
    message,
  };
  if (raw.stack) {
    const at = raw.stack.indexOf('\n    at ');
    out.stack = at === -1 ? `${raw.name}: ${message}` : `${raw.name}: ${message}${raw.stack.slice(at)}`;
  }
  for (const [key, prop] of Object.entries(raw)) {
    if (key === 'message' || key === 'stack' || key === 'cause' || DATA_PROPS.has(key)) continue;
    if (prop === undefined || typeof prop === 'function') continue;
    out[key] = prop instanceof Error ? safeError(prop, depth + 1) : prop;
  }
  if (raw.cause !== undefined && depth < 5) out.cause = safeError(raw.cause, depth + 1);
  return out;
}

/** The options of the app's logger (also used by tests to log to a stream of their own). */
export function loggerOptions(): pino.LoggerOptions {
  return {
    level: env.NODE_ENV === 'test' && env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL,
    base: { app: 'revivatech' },
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
    serializers: { err: safeError, error: safeError, cause: safeError },
    // every line written while serving a request or working a job carries its `reqId` / `jobId`
    // (a copy: pino merges the line's own fields into the object this returns)
    mixin: () => {
      const context = logContext();
      return context ? { ...context } : {};
    },
  };
}

/** Structured JSON logs (one line per event) — pipe through `pino-pretty` locally if wanted. */
export const logger: pino.Logger = globalThis.__rtLogger ?? (globalThis.__rtLogger = pino(loggerOptions()));
