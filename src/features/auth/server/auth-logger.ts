/**
 * better-auth's logger routed through the app's pino logger: its messages come out as the same
 * one-line JSON as every other log line (by default better-auth prints coloured text lines to
 * the console, in the middle of pino's output).
 */
import type { Logger as PinoLogger } from 'pino';

type AuthLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** better-auth's `logger` option (its Logger shape: `level` filters, `log` writes). */
export function betterAuthLogger(pino: PinoLogger) {
  const log = pino.child({ component: 'better-auth' });
  return {
    // better-auth filters before calling `log`, and pino's level decides after. Not 'debug',
    // 'warn' or 'error': with those, better-auth's API error handler also prints every refused
    // request's message through its own console logger (onError in better-auth/dist/api/index.mjs)
    level: 'info' as const,
    log(level: AuthLogLevel, message: string, ...args: unknown[]) {
      const err = args.find((a): a is Error => a instanceof Error);
      const rest = args.filter((a) => a !== err);
      const fields: Record<string, unknown> = {};
      if (err) fields.err = err;
      if (rest.length) fields.details = rest;
      log[level](fields, message);
    },
  };
}
