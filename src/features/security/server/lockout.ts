/**
 * Account lockout. Failed passwords and failed second-factor codes for one account subject
 * (its lower-cased e-mail) within the window count towards one budget; spending it locks the
 * subject for LOCKOUT_BASE_MINUTES, doubling for each further lock within a day (max 24 h).
 * Subjects without an account are counted and locked exactly the same way, so neither the
 * answers nor their timing tell whether an address is registered.
 */
import { eq, sql } from 'drizzle-orm';
import { env } from '@/env';
import type { Db } from '@/server/db/runtime';
import { authLockouts } from '@/server/db/schema';

export interface LockoutPolicy {
  maxAttempts: number;
  windowMinutes: number;
  baseMinutes: number;
}

export const MAX_LOCK_MINUTES = 24 * 60;
/** Locks further apart than this start again from the base length. */
const ESCALATION_RESET_MS = 24 * 3600_000;

export function lockoutPolicy(): LockoutPolicy {
  return {
    maxAttempts: env.LOCKOUT_MAX_ATTEMPTS,
    windowMinutes: env.LOCKOUT_WINDOW_MINUTES,
    baseMinutes: env.LOCKOUT_BASE_MINUTES,
  };
}

export function lockSubject(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}

/** Length of the n-th lock in a row (n >= 1), in minutes. */
export function lockMinutes(lockNumber: number, baseMinutes: number): number {
  return Math.min(MAX_LOCK_MINUTES, baseMinutes * 2 ** Math.max(0, Math.min(lockNumber - 1, 20)));
}

/** When the subject may try again, or null when it is not locked. */
export async function lockedUntil(db: Db, subject: string, now = new Date()): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: authLockouts.lockedUntil })
    .from(authLockouts)
    .where(eq(authLockouts.subject, subject));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Failures counted in the current window (0 when the window has passed). */
export async function recentFailures(db: Db, subject: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ failures: authLockouts.failures, windowStartedAt: authLockouts.windowStartedAt })
    .from(authLockouts)
    .where(eq(authLockouts.subject, subject));
  if (!row?.windowStartedAt) return 0;
  const windowEnd = row.windowStartedAt.getTime() + lockoutPolicy().windowMinutes * 60_000;
  return windowEnd > now.getTime() ? row.failures : 0;
}

export interface FailureResult {
  failures: number;
  /** set when this failure locked the subject */
  lockedUntil: Date | null;
  lockNumber: number;
}

/** Counts one failure; locks the subject when the budget is spent. Safe under concurrency. */
export async function recordFailure(
  db: Db,
  subject: string,
  now = new Date(),
  policy = lockoutPolicy(),
): Promise<FailureResult> {
  return db.transaction(async (tx) => {
    await tx.insert(authLockouts).values({ subject, failures: 0 }).onConflictDoNothing();
    const [row] = await tx.select().from(authLockouts).where(eq(authLockouts.subject, subject)).for('update');
    const windowOpen =
      row?.windowStartedAt && row.windowStartedAt.getTime() + policy.windowMinutes * 60_000 > now.getTime();
    const failures = (windowOpen ? row.failures : 0) + 1;
    if (failures < policy.maxAttempts) {
      await tx
        .update(authLockouts)
        .set({ failures, windowStartedAt: windowOpen ? row.windowStartedAt : now, updatedAt: now })
        .where(eq(authLockouts.subject, subject));
      return { failures, lockedUntil: null, lockNumber: row?.lockCount ?? 0 };
    }
    const escalate = row?.lastLockedAt && now.getTime() - row.lastLockedAt.getTime() < ESCALATION_RESET_MS;
    const lockNumber = escalate ? row.lockCount + 1 : 1;
    const until = new Date(now.getTime() + lockMinutes(lockNumber, policy.baseMinutes) * 60_000);
    await tx
      .update(authLockouts)
      .set({
        failures: 0,
        windowStartedAt: null,
        lockedUntil: until,
        lockCount: lockNumber,
        lastLockedAt: now,
        updatedAt: now,
      })
      .where(eq(authLockouts.subject, subject));
    return { failures, lockedUntil: until, lockNumber };
  });
}

/** A completed sign-in forgets the failures (the escalation memory stays for a day). */
export async function clearFailures(db: Db, subject: string): Promise<void> {
  await db
    .update(authLockouts)
    .set({ failures: 0, windowStartedAt: null, updatedAt: sql`now()` })
    .where(eq(authLockouts.subject, subject));
}

/** An admin lifts the lock at once and resets the escalation. Returns whether it was locked. */
export async function unlockSubject(db: Db, subject: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .delete(authLockouts)
    .where(eq(authLockouts.subject, subject))
    .returning({ lockedUntil: authLockouts.lockedUntil });
  return !!row?.lockedUntil && row.lockedUntil > now;
}

/** "in 15 minutes", "in 2 hours", for the message that tells the user when to retry. */
export function retryIn(until: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  if (minutes < 90) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `in ${hours} hour${hours === 1 ? '' : 's'}`;
}

export function lockedMessage(until: Date, now = new Date()): string {
  return `Too many failed attempts. For your security, sign-in to this account is paused; try again ${retryIn(until, now)}.`;
}
