/**
 * An admin resets a user's two-factor (lost phone): the authenticator secret and backup codes
 * are deleted and every session ends, so the next sign-in is by password alone and staff are
 * sent to set up a new authenticator (STAFF_TWO_FACTOR=required) before any staff page opens.
 * Audited in the same transaction; the user is told by e-mail.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { session, twoFactor, user } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { publicBaseUrl } from '@/server/http/base-url';
import { sendTemplate } from '@/features/email/server';
import { recordAudit, type AuditActor, type AuditRequest } from '@/features/audit/server';

export async function resetTwoFactor(
  db: Db,
  userId: string,
  audit: { actor: AuditActor; request: AuditRequest | null },
  now = new Date(),
): Promise<{ userId: string; wasEnabled: boolean }> {
  const target = await db.transaction(async (tx) => {
    const [u] = await tx
      .select({ id: user.id, email: user.email, name: user.name, enabled: user.twoFactorEnabled })
      .from(user)
      .where(eq(user.id, userId))
      .for('update');
    if (!u) throw new DomainError('NOT_FOUND', 'No user with that id.');
    const removed = await tx
      .delete(twoFactor)
      .where(eq(twoFactor.userId, userId))
      .returning({ id: twoFactor.id });
    if (!u.enabled && removed.length === 0) {
      throw new DomainError('CONFLICT', 'This user has no two-factor set up: there is nothing to reset.');
    }
    await tx.update(user).set({ twoFactorEnabled: false, updatedAt: now }).where(eq(user.id, userId));
    await tx.delete(session).where(eq(session.userId, userId));
    await recordAudit(tx, {
      type: 'two_factor_reset',
      actor: audit.actor,
      request: audit.request,
      target: { type: 'user', id: userId },
      details: { email: u.email },
    });
    return u;
  });
  await sendTemplate(db, {
    to: target.email,
    template: 'security-alert',
    data: {
      name: target.name,
      event:
        'An administrator reset your two-factor authentication. Sign in with your password and set up your authenticator app again.',
      when: `${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }).format(now)} UTC`,
      url: `${publicBaseUrl()}/account/security`,
    },
  });
  return { userId, wasEnabled: target.enabled };
}
