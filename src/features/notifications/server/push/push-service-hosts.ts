/**
 * Which push services a subscription may name. The server POSTs to a subscription's endpoint, so
 * an endpoint on any other host would let a signed-in user point the server at an address of
 * their choosing (an internal one, say). Browsers only ever hand out endpoints of their vendor's
 * push service; PUSH_SERVICE_HOSTS replaces the list (a self-hosted push service, the tests'
 * local one).
 */
import { env } from '@/env';

/** Chrome/Edge (FCM), Firefox (Mozilla autopush), Safari (Apple), legacy Edge (WNS). */
export const BROWSER_PUSH_SERVICES = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'push.services.mozilla.com',
  'push.apple.com',
  'notify.windows.com',
] as const;

export function pushServiceHosts(): string[] {
  const configured = env.PUSH_SERVICE_HOSTS?.split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return configured?.length ? configured : [...BROWSER_PUSH_SERVICES];
}

/** The endpoint's host is one of `hosts` or a subdomain of one (web.push.apple.com, …). */
export function isAllowedPushEndpoint(endpoint: string, hosts: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}
