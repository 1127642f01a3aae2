/**
 * Rate limits on public writes (booking, tracking messages, sign-up, password reset): a route
 * names its rules (per client address, per e-mail in the body, per path param), each with its
 * own budget; the first rule out of budget answers 429 problem+json with Retry-After. Off with
 * PUBLIC_RATE_LIMIT=off (the test suites, which book many times from 127.0.0.1).
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { env } from '@/env';
import { consumeRate, type Limit } from '@/server/rate-limit';
import { problem, problemContentOf } from './errors';
import { problemResponse } from './app';

export interface RateRule {
  /** the counter's name, e.g. `booking-ip` */
  name: string;
  limit: Limit;
  /** the key this request spends from, or null when the rule does not apply to it */
  key(c: Context): string | null | Promise<string | null>;
  /** what the 429 says, e.g. "Too many bookings from this address." */
  message: string;
}

/**
 * The caller's address: the socket's, or with TRUST_PROXY the first hop of X-Forwarded-For
 * (the client as the proxy saw it).
 */
export function clientIp(c: Context): string | null {
  if (env.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress?.replace(/^::ffff:/i, '') ?? null;
}

/** A rule per client address. */
export function perIp(name: string, limit: Limit, message: string): RateRule {
  return { name: `${name}-ip`, limit, message, key: clientIp };
}

/** A rule per e-mail address at `field` (dotted) of the JSON body; skipped when it has none. */
export function perBodyEmail(name: string, limit: Limit, field: string, message: string): RateRule {
  return {
    name: `${name}-email`,
    limit,
    message,
    async key(c) {
      const body: unknown = await c.req.json().catch(() => null);
      let value: unknown = body;
      for (const part of field.split('.')) {
        value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
      }
      return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null;
    },
  };
}

/** A rule per path param (e.g. one repair's reference). */
export function perParam(name: string, limit: Limit, param: string, message: string): RateRule {
  return {
    name: `${name}-${param}`,
    limit,
    message,
    key: (c) => c.req.param(param)?.toUpperCase() ?? null,
  };
}

function retryText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}

/** Middleware: spends one point of every rule that applies; 429 once one is out of budget. */
export function rateLimit(...rules: RateRule[]): MiddlewareHandler {
  return async (c, next) => {
    if (env.PUBLIC_RATE_LIMIT === 'on') {
      for (const rule of rules) {
        const key = await rule.key(c);
        if (key === null) continue;
        const decision = await consumeRate(rule.name, rule.limit, key);
        if (!decision.allowed) {
          const seconds = decision.retryAfterSeconds;
          c.header('Retry-After', String(seconds));
          return problemResponse(
            c,
            429,
            problem(
              429,
              'RATE_LIMITED',
              `${rule.message} Please try again in ${retryText(seconds)}.`,
              undefined,
              c.get('requestId'),
            ),
          );
        }
      }
    }
    await next();
  };
}

/** The 429 answer, for a route's OpenAPI responses. */
export const rateLimitedResponse = {
  429: {
    description: 'Too many requests: wait the seconds in the Retry-After header',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' as const } } },
    content: problemContentOf(),
  },
} as const;
