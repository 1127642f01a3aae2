import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushSubscriptions } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import type { PushSubscriptionInput } from '../../push-schemas';

/** The browser's key must be a point on P-256, or nothing could ever be encrypted for it. */
function assertP256Point(p256dh: string): void {
  try {
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(p256dh, 'base64url'));
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The subscription is invalid.', [
      { path: 'keys.p256dh', message: 'p256dh is not a point on the P-256 curve.' },
    ]);
  }
}

/**
 * Stores the caller's push subscription. An endpoint is one browser: subscribing again (same or
 * another account signed in on it) updates its keys and gives it to the caller.
 */
export async function saveSubscription(
  db: Db,
  userId: string,
  input: PushSubscriptionInput,
  userAgent: string | null,
): Promise<{ id: string; created: boolean }> {
  assertP256Point(input.keys.p256dh);
  const now = new Date();
  const values = {
    userId,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh.replace(/=+$/, ''),
    auth: input.keys.auth.replace(/=+$/, ''),
    expirationTime: input.expirationTime != null ? new Date(input.expirationTime) : null,
    userAgent: userAgent?.slice(0, 300) ?? null,
    updatedAt: now,
  };
  const [row] = await db
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: {
        userId: values.userId,
        p256dh: values.p256dh,
        auth: values.auth,
        expirationTime: values.expirationTime,
        userAgent: values.userAgent,
        updatedAt: now,
      },
    })
    // xmax is 0 for a row this statement inserted, the updating transaction's id otherwise
    .returning({ id: pushSubscriptions.id, created: sql<boolean>`(xmax = 0)` });
  return { id: row!.id, created: Boolean(row!.created) };
}
