/**
 * The signed rating link's token: `<order id, 16 bytes base64url>.<expiry, unix seconds base36>.<HMAC-SHA256>`.
 * The HMAC (src/server/secrets.ts: AUTH_SECRET or the generated one in DATA_DIR) covers the order
 * id and the expiry, so neither can be changed; it is compared in constant time. Nothing is
 * stored: the link can be made again from the order at any time.
 */
import { sign, verifySignature } from '@/server/secrets';
import { RATING_LINK_DAYS } from '../limits';

const PURPOSE = 'rate-repair';
const ID = /^[A-Za-z0-9_-]{22}$/;
const EXPIRY = /^[0-9a-z]{1,9}$/;

/** When the link made at collection stops working. */
export function ratingLinkExpiry(collectedAt: Date): Date {
  return new Date(collectedAt.getTime() + RATING_LINK_DAYS * 86_400_000);
}

export function ratingToken(orderId: string, expiresAt: Date): string {
  const id = Buffer.from(orderId.replace(/-/g, ''), 'hex').toString('base64url');
  const payload = `${id}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${payload}.${sign(payload, PURPOSE)}`;
}

export function ratingPath(orderId: string, expiresAt: Date): string {
  return `/rate/${ratingToken(orderId, expiresAt)}`;
}

/** The order id of a valid, unexpired token; null for anything else (one answer for all). */
export function readRatingToken(token: string, now = new Date()): string | null {
  if (token.length > 200) return null;
  const [id, expiry, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !id || !expiry || !signature || !ID.test(id) || !EXPIRY.test(expiry)) return null;
  if (!verifySignature(`${id}.${expiry}`, PURPOSE, signature)) return null;
  if (parseInt(expiry, 36) * 1000 <= now.getTime()) return null;
  const hex = Buffer.from(id, 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
