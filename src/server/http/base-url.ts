import type { Context } from 'hono';
import { env } from '@/env';
import { logger } from '@/server/logger';

/**
 * The one origin of every link the app makes (e-mails, QR codes, calendar files, payment return
 * addresses): APP_URL when configured, else the fixed `http://localhost:PORT`. Never a request
 * header: a `Host: evil.example` must not put a signed link to evil.example in a customer's mail.
 */
export function publicBaseUrl(): string {
  if (env.APP_URL) return env.APP_URL.replace(/\/$/, '');
  return `http://localhost:${env.PORT}`;
}

/** The base URL for links made while answering a request: the same configured origin. */
export function baseUrlOf(_c: Context): string {
  return publicBaseUrl();
}

/** Start-up: links in e-mails would point at localhost when a production server has no APP_URL. */
export function warnIfNoAppUrl(): void {
  if (env.NODE_ENV === 'production' && !env.APP_URL) {
    logger.warn(
      { fallback: publicBaseUrl() },
      'APP_URL is not set: links in e-mails, QR codes and payment returns point at localhost. Set APP_URL to the public address of this shop (e.g. https://repairs.example.com).',
    );
  }
}
