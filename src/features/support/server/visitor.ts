/**
 * Anonymous visitors own their conversations through a secret kept in an httpOnly cookie: 32
 * random bytes, stored only as a sha256 hash on the conversation. Whoever lacks the cookie (or
 * the account that started a conversation) cannot read or post to it, whatever id they guess.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const VISITOR_COOKIE = 'rt_support';
/** how long a visitor keeps their conversations (seconds) */
export const VISITOR_COOKIE_MAX_AGE = 30 * 24 * 60 * 60;

export function newVisitorSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A cookie value we could have handed out (anything else is ignored, never hashed or stored). */
export function isVisitorSecret(value: string | undefined | null): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function hashVisitorSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether `secret` is the one whose hash is `hash` (in constant time). */
export function visitorSecretMatches(hash: string | null, secret: string | null): boolean {
  if (!hash || !secret) return false;
  const a = Buffer.from(hashVisitorSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
