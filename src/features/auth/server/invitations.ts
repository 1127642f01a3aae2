/**
 * Staff invitations, the admin side: invite an address with a role and shop, list, revoke,
 * resend. The link carries a random token; only its SHA-256 is stored, so the table cannot be
 * turned into working links. A resend replaces the token (the old link stops working).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { staffInvitations, user } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { isUniqueViolation } from '@/server/db/errors';
import { publicBaseUrl } from '@/server/http/base-url';
import { sendTemplate } from '@/features/email/server';
import { getShopRow } from '@/features/shops/server';
import { recordAudit, type AuditActor, type AuditRequest } from '@/features/audit/server';
import type { Invitation, InvitationCreate, StaffRole } from '../schemas';

export const INVITATION_TTL_DAYS = 7;
const ROLE_WORDS: Record<StaffRole, string> = {
  technician: 'a technician',
  manager: 'a manager',
  admin: 'an administrator',
};

export type InvitationRow = typeof staffInvitations.$inferSelect;
interface AuditContext {
  actor: AuditActor & { name?: string };
  request: AuditRequest | null;
}

export const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('hex');

function statusOf(row: InvitationRow, now = new Date()): Invitation['status'] {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    shopSlug: row.shopSlug,
    status: statusOf(row),
    invitedBy: row.invitedByName,
    sentAt: row.sentAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
  };
}

function newToken(now: Date) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
  return { token, tokenHash: hashInvitationToken(token), expiresAt };
}

async function mailInvitation(db: Db, row: InvitationRow, token: string): Promise<void> {
  const shop = row.shopSlug ? await getShopRow(db, row.shopSlug) : null;
  const expires = `${new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(row.expiresAt)} UTC`;
  await sendTemplate(db, {
    to: row.email,
    template: 'staff-invitation',
    data: {
      inviterName: row.invitedByName ?? 'An administrator',
      role: ROLE_WORDS[row.role],
      shopName: shop?.name,
      url: `${publicBaseUrl()}/accept-invite?token=${encodeURIComponent(token)}`,
      expires,
    },
  });
}

export async function inviteStaff(
  db: Db,
  input: InvitationCreate,
  audit: AuditContext,
  now = new Date(),
): Promise<Invitation> {
  if (input.shopSlug && !(await getShopRow(db, input.shopSlug))) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown shop.', [
      { path: 'shopSlug', message: 'Choose one of our shops.' },
    ]);
  }
  const [existing] = await db
    .select({ role: user.role })
    .from(user)
    .where(sql`lower(${user.email}) = ${input.email}`);
  if (existing && existing.role !== 'customer') {
    throw new DomainError('VALIDATION_FAILED', 'This address already belongs to a member of staff.', [
      { path: 'email', message: 'Already staff: change their role in the list instead.' },
    ]);
  }
  const { token, tokenHash, expiresAt } = newToken(now);
  let row: InvitationRow;
  try {
    row = await db.transaction(async (tx) => {
      // an expired invitation to the same address is closed by the new one
      await tx
        .update(staffInvitations)
        .set({ revokedAt: now })
        .where(
          and(
            sql`lower(${staffInvitations.email}) = ${input.email}`,
            isNull(staffInvitations.acceptedAt),
            isNull(staffInvitations.revokedAt),
            sql`${staffInvitations.expiresAt} <= ${now}`,
          ),
        );
      const [inserted] = await tx
        .insert(staffInvitations)
        .values({
          id: randomUUID(),
          email: input.email,
          role: input.role,
          shopSlug: input.shopSlug ?? null,
          tokenHash,
          invitedByUserId: audit.actor?.id ?? null,
          invitedByName: audit.actor?.name ?? audit.actor?.email ?? null,
          createdAt: now,
          sentAt: now,
          expiresAt,
        })
        .returning();
      await recordAudit(tx, {
        type: 'staff_invited',
        actor: audit.actor,
        request: audit.request,
        target: { type: 'invitation', id: inserted!.id },
        details: { email: input.email, role: input.role, shopSlug: input.shopSlug ?? null },
      });
      return inserted!;
    });
  } catch (err) {
    if (!isUniqueViolation(err, 'staff_invitations_open_email_uq')) throw err;
    throw new DomainError('VALIDATION_FAILED', 'This address already has an open invitation.', [
      { path: 'email', message: 'Already invited: resend or revoke that invitation instead.' },
    ]);
  }
  await mailInvitation(db, row, token);
  return toInvitation(row);
}

export async function listInvitations(db: Db): Promise<Invitation[]> {
  const rows = await db.select().from(staffInvitations).orderBy(desc(staffInvitations.createdAt)).limit(200);
  return rows.map(toInvitation);
}

/** The invitation, still open (neither accepted nor revoked), or a 404/409. */
async function openInvitation(db: Db, id: string): Promise<InvitationRow> {
  const [row] = await db.select().from(staffInvitations).where(eq(staffInvitations.id, id));
  if (!row) throw new DomainError('NOT_FOUND', 'No such invitation.');
  if (row.acceptedAt) throw new DomainError('CONFLICT', 'This invitation was accepted already.');
  if (row.revokedAt) throw new DomainError('CONFLICT', 'This invitation was revoked.');
  return row;
}

const stillOpen = (id: string) =>
  and(eq(staffInvitations.id, id), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt));

export async function revokeInvitation(db: Db, id: string, audit: AuditContext): Promise<Invitation> {
  const before = await openInvitation(db, id);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffInvitations)
      .set({ revokedAt: new Date() })
      .where(stillOpen(id))
      .returning();
    if (!row) throw new DomainError('CONFLICT', 'This invitation was accepted or revoked meanwhile.');
    await recordAudit(tx, {
      type: 'staff_invite_revoked',
      actor: audit.actor,
      request: audit.request,
      target: { type: 'invitation', id },
      details: { email: before.email, role: before.role },
    });
    return toInvitation(row);
  });
}

/** A new link (the old one stops working) and a new expiry, mailed again. */
export async function resendInvitation(
  db: Db,
  id: string,
  audit: AuditContext,
  now = new Date(),
): Promise<Invitation> {
  await openInvitation(db, id);
  const { token, tokenHash, expiresAt } = newToken(now);
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(staffInvitations)
      .set({ tokenHash, expiresAt, sentAt: now })
      .where(stillOpen(id))
      .returning();
    if (!updated) throw new DomainError('CONFLICT', 'This invitation was accepted or revoked meanwhile.');
    await recordAudit(tx, {
      type: 'staff_invite_resent',
      actor: audit.actor,
      request: audit.request,
      target: { type: 'invitation', id },
      details: { email: updated.email, role: updated.role },
    });
    return updated;
  });
  await mailInvitation(db, row, token);
  return toInvitation(row);
}
