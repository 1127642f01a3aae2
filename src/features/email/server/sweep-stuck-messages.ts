import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';
import { enqueueDelivery } from './enqueue-delivery';

/**
 * Re-enqueues messages stuck in `queued` for over a minute (a crash between storing a message
 * and queueing it, or a process that runs no queue) and in `sending` for over 10 minutes (a
 * worker that died mid-send). Marks them `queued` with a fresh `updated_at`, so one sweep does not repeat the next.
 */
export async function sweepStuckMessages(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .update(emailMessages)
    .set({ status: 'queued', updatedAt: now })
    .where(
      or(
        and(
          eq(emailMessages.status, 'queued'),
          lt(emailMessages.updatedAt, new Date(now.getTime() - 60_000)),
        ),
        and(
          eq(emailMessages.status, 'sending'),
          lt(emailMessages.updatedAt, new Date(now.getTime() - 600_000)),
        ),
      ),
    )
    .returning({ id: emailMessages.id });
  for (const row of rows) await enqueueDelivery(row.id);
  return rows.length;
}
