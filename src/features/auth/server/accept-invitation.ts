/**
 * Staff invitations, the invitee's side: preview a link, then accept it with a name and
 * password. The link is claimed by one conditional UPDATE (open, not expired, this token), so
 * two tabs racing to accept it make one account; the account is written in the same transaction.
 * A new address gets a new staff account (e-mail verified: the link proved the mailbox); an
 * existing customer account is promoted, renamed and given the new password, and its other
 * sessions end (it now carries staff rights).
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { session, staffInvitations, user } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { getShopRow } from '@/features/shops/server';
import { recordAudit, type AuditRequest } from '@/features/audit/server';
import type { InvitationPreview } from '../schemas';
import { hashInvitationToken, type InvitationRow } from './invitations';
import { hashPassword, insertCredentialUser, setCredentialPassword } from './credential-user';

const GONE =
  'This invitation link is no longer valid: it was used, revoked or has expired. Ask for a new one.';

async function openRow(db: Db, token: string, now: Date): Promise<InvitationRow | null> {
  const [row] = await db
    .select()
    .from(staffInvitations)
    .where(
      and(
        eq(staffInvitations.tokenHash, hashInvitationToken(token)),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    );
  return row ?? null;
}

async function accountOf(db: Db, email: string) {
  const [row] = await db
    .select({ id: user.id, role: user.role })
    .from(user)
    .where(sql`lower(${user.email}) = lower(${email})`);
  return row ?? null;
}

export async function previewInvitation(db: Db, token: string, now = new Date()): Promise<InvitationPreview> {
  const row = await openRow(db, token, now);
  if (!row) throw new DomainError('NOT_FOUND', GONE);
  const [shop, existing] = await Promise.all([
    row.shopSlug ? getShopRow(db, row.shopSlug) : null,
    accountOf(db, row.email),
  ]);
  return {
    email: row.email,
    role: row.role,
    shopName: shop?.name ?? null,
    existingAccount: existing !== null,
  };
}

export async function acceptInvitation(
  db: Db,
  input: { token: string; name: string; password: string },
  request: AuditRequest | null,
  now = new Date(),
): Promise<{ email: string; userId: string; promoted: boolean }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffInvitations)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(staffInvitations.tokenHash, hashInvitationToken(input.token)),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
          gt(staffInvitations.expiresAt, now),
        ),
      )
      .returning();
    if (!row) throw new DomainError('NOT_FOUND', GONE);
    const existing = await accountOf(tx, row.email);
    let userId: string;
    if (existing) {
      userId = existing.id;
      await tx
        .update(user)
        .set({
          name: input.name,
          role: row.role,
          shopSlug: row.shopSlug,
          emailVerified: true,
          disabledAt: null,
          updatedAt: now,
        })
        .where(eq(user.id, userId));
      await setCredentialPassword(tx, userId, passwordHash);
      await tx.delete(session).where(eq(session.userId, userId));
    } else {
      ({ id: userId } = await insertCredentialUser(tx, {
        email: row.email,
        name: input.name,
        passwordHash,
        role: row.role,
        shopSlug: row.shopSlug,
      }));
    }
    await tx.update(staffInvitations).set({ acceptedUserId: userId }).where(eq(staffInvitations.id, row.id));
    await recordAudit(tx, {
      type: 'staff_invite_accepted',
      actor: { id: userId, email: row.email, role: row.role },
      request,
      target: { type: 'user', id: userId },
      details: {
        email: row.email,
        role: row.role,
        shopSlug: row.shopSlug,
        promotedFrom: existing ? existing.role : null,
        invitationId: row.id,
      },
    });
    return { email: row.email, userId, promoted: existing !== null };
  });
}
