/**
 * Account lockout. Failed passwords and failed second-factor codes for one account subject
 * (its lower-cased e-mail) within the window count towards one budget; spending it locks the
 * subject for LOCKOUT_BASE_MINUTES, doubling for each further lock within a day (max 24 h).
 * Subjects without an account are counted and locked exactly the same way, so neither the
 * answers nor their timing tell whether an address is registered.
 *
 * Each attempt takes a place in the budget BEFORE its password or code is checked
 * (`claimAttempt`, one atomic statement), so parallel guesses cannot all pass the check while
 * none has been counted yet: at most `maxAttempts` are ever checked per window. A failure
 * keeps its place (`settleFailure` locks when the budget is spent), a success forgets them all
 * (`clearFailures`), anything else gives its place back (`releaseAttempt`).
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

export type AttemptClaim = { ok: true } | { ok: false; lockedUntil: Date };

/**
 * Takes one place in the subject's budget for an attempt about to be checked, atomically (a
 * single INSERT ... ON CONFLICT DO UPDATE ... WHERE, on PGlite and PostgreSQL alike): refused
 * while the subject is locked or the window's places are all taken (by failures, or by
 * attempts still being checked).
 */
export async function claimAttempt(
  db: Db,
  subject: string,
  now = new Date(),
  policy = lockoutPolicy(),
): Promise<AttemptClaim> {
  const at = now.toISOString();
  const windowFrom = new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString();
  const open = sql`("auth_lockouts"."window_started_at" is not null and "auth_lockouts"."window_started_at" > ${windowFrom}::timestamptz)`;
  const claimed = await db
    .insert(authLockouts)
    .values({ subject, failures: 1, windowStartedAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: authLockouts.subject,
      set: {
        failures: sql`case when ${open} then "auth_lockouts"."failures" + 1 else 1 end`,
        windowStartedAt: sql`case when ${open} then "auth_lockouts"."window_started_at" else ${at}::timestamptz end`,
        updatedAt: now,
      },
      setWhere: sql`("auth_lockouts"."locked_until" is null or "auth_lockouts"."locked_until" <= ${at}::timestamptz)
        and not (${open} and "auth_lockouts"."failures" >= ${policy.maxAttempts})`,
    })
    .returning({ failures: authLockouts.failures });
  if (claimed.length) return { ok: true };
  const [row] = await db.select().from(authLockouts).where(eq(authLockouts.subject, subject));
  if (row?.lockedUntil && row.lockedUntil > now) return { ok: false, lockedUntil: row.lockedUntil };
  // every place is taken by attempts still being checked: the lock they are about to set
  const escalate = row?.lastLockedAt && now.getTime() - row.lastLockedAt.getTime() < ESCALATION_RESET_MS;
  const next = escalate ? row.lockCount + 1 : 1;
  return { ok: false, lockedUntil: new Date(now.getTime() + lockMinutes(next, policy.baseMinutes) * 60_000) };
}

/** An attempt that was neither a success nor a wrong password/code gives its place back. */
export async function releaseAttempt(db: Db, subject: string, now = new Date()): Promise<void> {
  await db
    .update(authLockouts)
    .set({ failures: sql`greatest("auth_lockouts"."failures" - 1, 0)`, updatedAt: now })
    .where(eq(authLockouts.subject, subject));
}

/**
 * A claimed attempt failed (its place stays taken): locks the subject once the window's places
 * are spent. The row is locked for the decision, so two failures cannot both lock or both miss.
 */
export async function settleFailure(
  db: Db,
  subject: string,
  now = new Date(),
  policy = lockoutPolicy(),
): Promise<FailureResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(authLockouts).where(eq(authLockouts.subject, subject)).for('update');
    if (!row) return { failures: 0, lockedUntil: null, lockNumber: 0 };
    const windowOpen =
      row.windowStartedAt && row.windowStartedAt.getTime() + policy.windowMinutes * 60_000 > now.getTime();
    const alreadyLocked = row.lockedUntil && row.lockedUntil > now;
    if (alreadyLocked || !windowOpen || row.failures < policy.maxAttempts) {
      return { failures: row.failures, lockedUntil: null, lockNumber: row.lockCount };
    }
    return lockRow(tx, row, now, policy);
  });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function lockRow(
  tx: Tx,
  row: typeof authLockouts.$inferSelect,
  now: Date,
  policy: LockoutPolicy,
): Promise<FailureResult> {
  const escalate = row.lastLockedAt && now.getTime() - row.lastLockedAt.getTime() < ESCALATION_RESET_MS;
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
    .where(eq(authLockouts.subject, row.subject));
  return { failures: row.failures, lockedUntil: until, lockNumber };
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
    return lockRow(tx, row!, now, policy);
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
