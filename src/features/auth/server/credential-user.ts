import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { account, user, type Role } from '@/server/db/schema';
import { getAuth } from './auth';

/** better-auth's own password hash (scrypt), so its sign-in checks it like any other. */
export async function hashPassword(plain: string): Promise<string> {
  const ctx = await (await getAuth()).$context;
  return ctx.password.hash(plain);
}

/**
 * Writes an account with an e-mail and password into better-auth's tables, for accounts the app
 * makes on someone's behalf (the first admin, an accepted staff invitation). Unlike the sign-up
 * endpoint it leaves no session behind (a session without a browser would show in "Where you're
 * signed in" with no device or address) and sends no "confirm your e-mail" mail: the address is
 * known to be theirs. Takes a transaction, so it can be part of a larger change.
 */
export async function insertCredentialUser(
  db: Db,
  input: { email: string; name: string; passwordHash: string; role: Role; shopSlug?: string | null },
): Promise<{ id: string }> {
  const id = randomUUID();
  const now = new Date();
  await db.insert(user).values({
    id,
    email: input.email.trim().toLowerCase(),
    name: input.name,
    emailVerified: true,
    role: input.role,
    shopSlug: input.shopSlug ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(account).values({
    id: randomUUID(),
    accountId: id,
    providerId: 'credential',
    userId: id,
    password: input.passwordHash,
    createdAt: now,
    updatedAt: now,
  });
  return { id };
}

/** Sets (or adds) the e-mail-and-password credential of an existing account. */
export async function setCredentialPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  const updated = await db
    .update(account)
    .set({ password: passwordHash, updatedAt: new Date() })
    .where(and(eq(account.userId, userId), eq(account.providerId, 'credential')))
    .returning({ id: account.id });
  if (updated.length > 0) return;
  await db.insert(account).values({
    id: randomUUID(),
    accountId: userId,
    providerId: 'credential',
    userId,
    password: passwordHash,
  });
}
