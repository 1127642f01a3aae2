/**
 * Booking references ('RT-7K3M9Q') and secret tracking tokens.
 *
 * References are short, human-friendly and guessable-ish (32^6 ≈ 1.07e9): they identify a
 * booking but never authorise access on their own. Tracking tokens are the secret.
 */
import { randomBytes as nodeRandomBytes, timingSafeEqual } from 'node:crypto';

import {
  REFERENCE_ALPHABET,
  REFERENCE_LENGTH,
  REFERENCE_PREFIX,
  isValidReference,
  normaliseReference,
} from '../reference-format';

// the format itself is shared with the browser (the scanner checks scanned and typed references)
export { REFERENCE_ALPHABET, REFERENCE_LENGTH, REFERENCE_PREFIX, isValidReference, normaliseReference };

export type RandomBytes = (n: number) => Uint8Array;

const defaultRandomBytes: RandomBytes = (n) => nodeRandomBytes(n);

/**
 * `length` characters drawn uniformly from `alphabet` (1..256 chars) using rejection sampling:
 * bytes at or above the largest multiple of the alphabet size are discarded, so there is no
 * modulo bias. (For the 32-char reference alphabet nothing is ever rejected.)
 */
export function randomString(
  alphabet: string,
  length: number,
  randomBytes: RandomBytes = defaultRandomBytes,
): string {
  const size = alphabet.length;
  if (size < 1 || size > 256) throw new RangeError('alphabet must have 1..256 characters');
  const limit = 256 - (256 % size);
  let out = '';
  for (let guard = 0; out.length < length; guard++) {
    if (guard > 1000) throw new Error('randomBytes source is not producing usable bytes');
    const bytes = randomBytes(Math.max(length - out.length, 1) * 2);
    for (const b of bytes) {
      if (b >= limit) continue;
      out += alphabet[b % size];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A new reference, e.g. 'RT-7K3M9Q'. `randomBytes` is injectable for tests. */
export function generateReference(randomBytes: RandomBytes = defaultRandomBytes): string {
  return REFERENCE_PREFIX + randomString(REFERENCE_ALPHABET, REFERENCE_LENGTH, randomBytes);
}

/** A 256-bit secret for tracking links, base64url without padding (43 chars). */
export function generateTrackingToken(): string {
  return nodeRandomBytes(32).toString('base64url');
}

/**
 * Constant-time string comparison (UTF-8 bytes). Different lengths return false immediately;
 * the length of a token is not secret.
 */
export function tokensEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ba.length !== bb.length) return false;
  return timingSafeEqual(ba, bb);
}
