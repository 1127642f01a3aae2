/**
 * The service worker's per-session cache key. Every answer carries `x-cache-scope`: "anon"
 * without a session cookie, otherwise a short hash of the session cookie's value (a new value
 * after every sign-in, so a new key). The worker files private answers under that key and
 * deletes other keys' caches when it changes, so one person's pages and API answers are never
 * served to another on a shared device. The hash reveals nothing about the token.
 */
import { createHash } from 'node:crypto';

export const CACHE_SCOPE_HEADER = 'x-cache-scope';

/** The scope of a request from its Cookie header. */
export function cacheScopeOf(cookieHeader: string | undefined): string {
  if (!cookieHeader) return 'anon';
  const tokens = cookieHeader
    .split(';')
    .map((part) => part.trim())
    .filter((part) => /^(__Secure-|__Host-)?[\w.-]*session_token=/.test(part))
    .map((part) => part.slice(part.indexOf('=') + 1))
    .filter((value) => value !== '');
  if (tokens.length === 0) return 'anon';
  return createHash('sha256').update(tokens.sort().join('\n')).digest('hex').slice(0, 24);
}
