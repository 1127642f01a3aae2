/**
 * What a log line says about where it comes from: the request id (`reqId`) of the API request
 * being served, and the job id (`jobId`) of the queue job being worked, kept in an
 * AsyncLocalStorage so every log line written while serving it carries them (the logger's
 * mixin reads them) and a job enqueued while serving a request carries the request's id.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface LogContext {
  reqId?: string;
  jobId?: string;
}

declare global {
  var __rtLogContext: AsyncLocalStorage<LogContext> | undefined;
}

/** One store per process (Next's bundle and the server's own modules are two module graphs). */
const storage: AsyncLocalStorage<LogContext> = (globalThis.__rtLogContext ??= new AsyncLocalStorage());

/** The context of the request or job being served, if any. */
export function logContext(): LogContext | undefined {
  return storage.getStore();
}

/** Runs `fn` with this context (nested in the current one, whose fields it may override). */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...context } : context, fn);
}

/** A request id from a proxy is kept when short and made of safe characters (letters, digits, `-_.:`). */
const SAFE_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The request's id: the proxy's `x-request-id` when it is safe to log and echo, else a new UUID. */
export function requestIdFrom(header: string | undefined): string {
  return header && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}
