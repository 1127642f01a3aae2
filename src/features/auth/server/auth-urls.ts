import { env } from '@/env';

/** The public base URL links in e-mails point at. */
export function appBaseUrl(): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
}
