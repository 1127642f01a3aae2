import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { user } from '@/server/db/schema';
import { hashPassword, insertCredentialUser } from './credential-user';

export class CreateAdminError extends Error {}

/**
 * Creates an admin account (e-mail verified, no session, no mail) or promotes an existing account to admin.
 * No default password exists anywhere: the caller supplies one.
 */
export async function createAdmin(
  db: Db,
  input: { email: string; password: string; name?: string },
): Promise<'created' | 'promoted'> {
  const email = input.email.trim().toLowerCase();
  if (input.password.length < 12)
    throw new CreateAdminError('The admin password must be at least 12 characters.');
  const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  if (existing) {
    await db
      .update(user)
      .set({ role: 'admin', emailVerified: true, disabledAt: null })
      .where(eq(user.id, existing.id));
    return 'promoted';
  }
  // no sign-up request: that would leave a session with no device behind and mail a
  // "confirm your e-mail" link for an address that is already taken as confirmed
  await insertCredentialUser(db, {
    email,
    passwordHash: await hashPassword(input.password),
    name: input.name ?? 'Administrator',
    role: 'admin',
  });
  return 'created';
}

/** First start: ADMIN_EMAIL/ADMIN_PASSWORD create the first admin when there is none yet. */
export async function ensureFirstAdmin(
  db: Db,
  email: string | undefined,
  password: string | undefined,
): Promise<boolean> {
  if (!email || !password) return false;
  const [admin] = await db.select({ id: user.id }).from(user).where(eq(user.role, 'admin')).limit(1);
  if (admin) return false;
  await createAdmin(db, { email, password });
  return true;
}
