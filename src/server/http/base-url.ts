import type { Context } from 'hono';
import { env } from '@/env';

/** Public base URL for links: APP_URL when configured, else the request's own origin. */
export function baseUrlOf(c: Context): string {
  if (env.APP_URL) return env.APP_URL.replace(/\/$/, '');
  return new URL(c.req.url).origin;
}

/** Base URL for links made outside a request (e-mails from workers): APP_URL, else localhost. */
export function publicBaseUrl(): string {
  if (env.APP_URL) return env.APP_URL.replace(/\/$/, '');
  return `http://localhost:${env.PORT}`;
}
