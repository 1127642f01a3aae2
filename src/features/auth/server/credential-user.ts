import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { account, user, type Role } from '@/server/db/schema';
import { getAuth } from './auth';

/**
 * Writes an account with an e-mail and password straight through better-auth's own adapter and
 * password hasher, for accounts the app makes on someone's behalf (the first admin, an accepted
 * staff invitation). Unlike the sign-up endpoint it leaves no session behind (a session
 * without a browser would show in "Where you're signed in" with no device or address) and sends
 * no "confirm your e-mail" mail: the address is known to be theirs.
 */
export async function createCredentialUser(
  db: Db,
  input: { email: string; name: string; password: string; role: Role; shopSlug?: string | null },
): Promise<{ id: string }> {
  const { internalAdapter, password } = await (await getAuth()).$context;
  const hash = await password.hash(input.password);
  const created = await internalAdapter.createUser(
    {
      email: input.email.trim().toLowerCase(),
      name: input.name,
      emailVerified: true,
    },
    { method: 'email-password' },
  );
  await internalAdapter.linkAccount({
    userId: created.id,
    providerId: 'credential',
    accountId: created.id,
    password: hash,
  });
  await db
    .update(user)
    .set({ role: input.role, shopSlug: input.shopSlug ?? null, emailVerified: true })
    .where(eq(user.id, created.id));
  return { id: created.id };
}

/** Sets (or adds) the e-mail-and-password credential of an existing account. */
export async function setCredentialPassword(db: Db, userId: string, plain: string): Promise<void> {
  const ctx = await (await getAuth()).$context;
  const hash = await ctx.password.hash(plain);
  const updated = await db
    .update(account)
    .set({ password: hash, updatedAt: new Date() })
    .where(and(eq(account.userId, userId), eq(account.providerId, 'credential')))
    .returning({ id: account.id });
  if (updated.length === 0) {
    await ctx.internalAdapter.linkAccount({
      userId,
      providerId: 'credential',
      accountId: userId,
      password: hash,
    });
  }
}
