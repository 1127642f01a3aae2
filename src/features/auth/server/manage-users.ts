import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { authLockouts, session, user, type Role } from '@/server/db/schema';
import type { AdminUser } from '../schemas';
import { recordAudit, type AuditActor, type AuditRequest } from '@/features/audit/server';
import { containsPattern } from '@/server/db/like';

export const USERS_PAGE_SIZE = 25;

function toAdminUser(u: typeof user.$inferSelect, lockedUntil: Date | null = null): AdminUser {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    emailVerified: u.emailVerified,
    role: u.role,
    shopSlug: u.shopSlug,
    disabled: u.disabledAt !== null,
    twoFactorEnabled: u.twoFactorEnabled,
    lockedUntil: lockedUntil && lockedUntil > new Date() ? lockedUntil.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listUsers(
  db: Db,
  query: { q?: string; role?: Role; page: number },
): Promise<{ items: AdminUser[]; total: number; page: number; pageSize: number }> {
  const conditions: SQL[] = [];
  if (query.q) {
    const like = containsPattern(query.q);
    conditions.push(or(ilike(user.email, like), ilike(user.name, like))!);
  }
  if (query.role) conditions.push(eq(user.role, query.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [totals]] = await Promise.all([
    db
      .select({ user, lockedUntil: authLockouts.lockedUntil })
      .from(user)
      .leftJoin(authLockouts, eq(authLockouts.subject, sql`lower(${user.email})`))
      .where(where)
      .orderBy(desc(user.createdAt))
      .limit(USERS_PAGE_SIZE)
      .offset((query.page - 1) * USERS_PAGE_SIZE),
    db.select({ n: count() }).from(user).where(where),
  ]);
  return {
    items: rows.map((r) => toAdminUser(r.user, r.lockedUntil)),
    total: totals?.n ?? 0,
    page: query.page,
    pageSize: USERS_PAGE_SIZE,
  };
}

export async function getUser(db: Db, id: string): Promise<AdminUser | null> {
  const [u] = await db.select().from(user).where(eq(user.id, id));
  return u ? toAdminUser(u) : null;
}

/**
 * Changes role / shop / disabled. Disabling also ends every session of that user at once. A role
 * change and a disable/enable each write an audit row in the same transaction.
 */
export async function updateUser(
  db: Db,
  id: string,
  patch: { role?: Role; disabled?: boolean; shopSlug?: string | null },
  audit: { actor: AuditActor; request?: AuditRequest | null } | null = null,
): Promise<AdminUser | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: user.role, disabledAt: user.disabledAt })
      .from(user)
      .where(eq(user.id, id))
      .for('update');
    if (!before) return null;
    const [u] = await tx
      .update(user)
      .set({
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.shopSlug !== undefined ? { shopSlug: patch.shopSlug } : {}),
        ...(patch.disabled !== undefined ? { disabledAt: patch.disabled ? new Date() : null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(user.id, id))
      .returning();
    if (!u) return null;
    if (patch.disabled) await tx.delete(session).where(eq(session.userId, id));
    const target = { type: 'user', id: u.id };
    const common = { actor: audit?.actor ?? null, request: audit?.request ?? null, target };
    if (patch.role !== undefined && patch.role !== before.role) {
      await recordAudit(tx, {
        ...common,
        type: 'role_changed',
        details: { email: u.email, from: before.role, to: patch.role },
      });
    }
    if (patch.disabled !== undefined && patch.disabled !== (before.disabledAt !== null)) {
      await recordAudit(tx, {
        ...common,
        type: patch.disabled ? 'user_disabled' : 'user_enabled',
        details: { email: u.email },
      });
    }
    return toAdminUser(u);
  });
}
