import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushSubscriptions } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';

/** Removes the caller's own subscription with this endpoint; NOT_FOUND when they have none. */
export async function removeSubscription(
  db: Db,
  userId: string,
  endpoint: string,
): Promise<{ removed: true }> {
  const removed = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)))
    .returning({ id: pushSubscriptions.id });
  if (removed.length === 0) {
    throw new DomainError('NOT_FOUND', 'You have no push subscription with this endpoint.', [
      { path: 'endpoint', message: 'No subscription of yours has this endpoint.' },
    ]);
  }
  return { removed: true };
}
