/**
 * When to reopen a live stream after it dropped: jittered exponential backoff, so a server
 * restart or a dead network does not bring every open page back at the same instant (a
 * reconnect storm), and each page waits longer after every failure. While the battery saver is
 * on (src/components/device/saver.ts) the waits start longer and grow further: a phone that
 * saves does not wake its radio every few seconds for a stream that keeps failing.
 */

export interface BackoffPolicy {
  /** the wait before the first retry (before jitter) */
  baseMs: number;
  /** no wait grows beyond this (before jitter) */
  capMs: number;
}

export const NORMAL_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 30_000 };
export const SAVER_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 300_000 };

/**
 * A stream that stayed open this long counts as healthy: its next drop starts the backoff
 * afresh. One that drops sooner keeps counting, so open-then-drop loops back off too.
 */
export const STABLE_MS = 10_000;

/**
 * The wait before retry number `failures` (0 for the first): the policy's base doubled per
 * failure up to its cap, then "equal jitter": half of it fixed, half random, so retries are never
 * immediate and never in step with other pages. `random` is Math.random (0 ≤ r < 1) unless given.
 */
export function reconnectDelay(
  failures: number,
  { saving = false, random = Math.random }: { saving?: boolean; random?: () => number } = {},
): number {
  const policy = saving ? SAVER_BACKOFF : NORMAL_BACKOFF;
  const n = Math.max(0, Math.floor(failures));
  // 2^n overflows to Infinity long after the cap: Math.min keeps it finite
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
