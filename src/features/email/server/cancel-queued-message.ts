import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';

/**
 * Withdraws a message that has not gone out yet (status still `queued`: its delivery job waits,
 * e.g. held back by `deliverAfter`): it becomes `cancelled` and the delivery worker, which only
 * claims queued or failed rows, never sends it. A message already sending or sent is left as
 * it is. Returns whether one was withdrawn. Run it in the transaction of the change that
 * withdraws it.
 */
export async function cancelQueuedMessage(db: Db, dedupeKey: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(emailMessages)
    .set({ status: 'cancelled', updatedAt: now, lastError: 'withdrawn before delivery' })
    .where(and(eq(emailMessages.dedupeKey, dedupeKey), eq(emailMessages.status, 'queued')))
    .returning({ id: emailMessages.id });
  return rows.length > 0;
}
