import { headers } from 'next/headers';
import { env } from '@/env';

/** Public base URL for links made while rendering a page: APP_URL, else the request's origin. */
export async function requestBaseUrl(): Promise<string> {
  if (env.APP_URL) return env.APP_URL.replace(/\/$/, '');
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto.split(',')[0]!.trim()}://${host.split(',')[0]!.trim()}`;
}
