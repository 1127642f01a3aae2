/**
 * What happens around a sign-in once better-auth has checked the password or a code: failures
 * count towards the lockout, completed sign-ins make the device known and reach the audit log.
 * Called from the better-auth plugin (auth-plugin.ts).
 */
import { APIError } from 'better-auth/api';
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { user } from '@/server/db/schema';
import { recordAudit, type AuditRequest } from '@/features/audit/server';
import { clearFailures, lockedMessage, lockSubject, recordFailure, settleFailure } from './lockout';
import { rememberDevice } from './monitor';
import { sendLockedEmail } from './notify';
import { overrideStatus } from './status-override';

export function lockedError(until: Date, now = new Date()): APIError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new APIError(
    'TOO_MANY_REQUESTS',
    { code: 'ACCOUNT_LOCKED', message: lockedMessage(until, now), retryAt: until.toISOString() },
    { 'Retry-After': String(seconds) },
  );
}

/**
 * Counts a failed password or code for this e-mail. When it spends the budget the account is
 * locked: the owner (if the address has an account) gets an e-mail, the audit log a row, and
 * the caller an ACCOUNT_LOCKED error to answer with. `claimed`: the attempt already took its
 * place in the budget before it was checked (`claimAttempt`), so it is only settled here.
 */
export async function countFailure(
  db: Db,
  email: string,
  request: AuditRequest | null,
  kind: 'password' | 'totp' | 'backup_code' | 'email_code',
  options: { claimed?: boolean } = {},
): Promise<void> {
  const now = new Date();
  const subject = lockSubject(email);
  const result = options.claimed
    ? await settleFailure(db, subject, now)
    : await recordFailure(db, subject, now);
  if (!result.lockedUntil) return;
  const [found] = await db
    .select({ id: user.id, email: user.email, name: user.name, role: user.role })
    .from(user)
    .where(sql`lower(${user.email}) = ${subject}`);
  await recordAudit(db, {
    type: 'account_locked',
    target: found ? { type: 'user', id: found.id } : null,
    request,
    details: {
      email: found?.email ?? subject,
      registered: !!found,
      after: kind,
      lockNumber: result.lockNumber,
      lockedUntil: result.lockedUntil.toISOString(),
    },
  });
  if (found) await sendLockedEmail(db, found, result.lockedUntil, request, now);
  // replaces the endpoint's own 401 (see status-override.ts)
  overrideStatus(429);
  throw lockedError(result.lockedUntil, now);
}

export type SignInMethod = 'password' | 'totp' | 'backup_code' | 'email_code';

/** A sign-in is complete: remember the device, forget the failures, write the audit row. */
export async function signInCompleted(
  db: Db,
  input: {
    user: { id: string; email: string; role?: string | null };
    deviceId: string;
    request: AuditRequest | null;
    method: SignInMethod;
    score: number | null;
  },
): Promise<void> {
  const now = new Date();
  await rememberDevice(db, {
    userId: input.user.id,
    deviceId: input.deviceId,
    userAgent: input.request?.userAgent ?? null,
    ip: input.request?.ip ?? null,
    now,
  });
  await clearFailures(db, lockSubject(input.user.email));
  const actor = { id: input.user.id, email: input.user.email, role: input.user.role ?? null };
  if (input.method === 'backup_code') {
    await recordAudit(db, {
      type: 'two_factor_backup_code_used',
      actor,
      target: { type: 'user', id: input.user.id },
      request: input.request,
    });
  }
  await recordAudit(db, {
    type: 'sign_in_succeeded',
    actor,
    target: { type: 'user', id: input.user.id },
    request: input.request,
    details: { method: input.method, ...(input.score === null ? {} : { riskScore: input.score }) },
  });
}
