import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { user } from '@/server/db/schema';
import { recordAudit, type AuditActor, type AuditRequest } from '@/features/audit/server';
import { lockSubject, unlockSubject } from './lockout';

/** An admin lifts a user's sign-in lock (and its escalation). Null when there is no such user. */
export async function unlockUser(
  db: Db,
  userId: string,
  audit: { actor: AuditActor; request: AuditRequest | null },
): Promise<{ userId: string; wasLocked: boolean } | null> {
  const [u] = await db.select({ id: user.id, email: user.email }).from(user).where(eq(user.id, userId));
  if (!u) return null;
  const wasLocked = await unlockSubject(db, lockSubject(u.email));
  await recordAudit(db, {
    type: 'account_unlocked',
    actor: audit.actor,
    target: { type: 'user', id: u.id },
    request: audit.request,
    details: { email: u.email, wasLocked },
  });
  return { userId: u.id, wasLocked };
}
