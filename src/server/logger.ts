import pino from 'pino';
import { env } from '@/env';

declare global {
  var __rtLogger: pino.Logger | undefined;
}

/** Structured JSON logs (one line per event) — pipe through `pino-pretty` locally if wanted. */
export const logger: pino.Logger =
  globalThis.__rtLogger ??
  (globalThis.__rtLogger = pino({
    level: env.NODE_ENV === 'test' && env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL,
    base: { app: 'revivatech' },
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
  }));
