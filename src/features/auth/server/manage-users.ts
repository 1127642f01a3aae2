import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { session, user, type Role } from '@/server/db/schema';
import type { AdminUser } from '../schemas';

export const USERS_PAGE_SIZE = 25;

function toAdminUser(u: typeof user.$inferSelect): AdminUser {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    emailVerified: u.emailVerified,
    role: u.role,
    shopSlug: u.shopSlug,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listUsers(
  db: Db,
  query: { q?: string; role?: Role; page: number },
): Promise<{ items: AdminUser[]; total: number; page: number; pageSize: number }> {
  const conditions: SQL[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(user.email, like), ilike(user.name, like))!);
  }
  if (query.role) conditions.push(eq(user.role, query.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(user)
      .where(where)
      .orderBy(desc(user.createdAt))
      .limit(USERS_PAGE_SIZE)
      .offset((query.page - 1) * USERS_PAGE_SIZE),
    db.select({ n: count() }).from(user).where(where),
  ]);
  return { items: rows.map(toAdminUser), total: totals?.n ?? 0, page: query.page, pageSize: USERS_PAGE_SIZE };
}

export async function getUser(db: Db, id: string): Promise<AdminUser | null> {
  const [u] = await db.select().from(user).where(eq(user.id, id));
  return u ? toAdminUser(u) : null;
}

/** Changes role / shop / disabled. Disabling also ends every session of that user at once. */
export async function updateUser(
  db: Db,
  id: string,
  patch: { role?: Role; disabled?: boolean; shopSlug?: string | null },
): Promise<AdminUser | null> {
  return db.transaction(async (tx) => {
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
    return toAdminUser(u);
  });
}
