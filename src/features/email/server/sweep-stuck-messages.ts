import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';
import { noLiveJob } from '@/server/queue';
import { enqueueDelivery } from './enqueue-delivery';
import { EMAIL_QUEUES } from './queues';
import { sendingLeaseLapsed } from './sending-lease';

/**
 * Re-enqueues the messages that are really stuck: no delivery job waiting, retrying or running
 * for them, and `queued` for over a minute (stored while no queue ran, or a job lost with an
 * old queue) or `sending` with a lapsed lease (a worker that died mid-send, and its job's
 * retries ran out or were lost: a live job re-claims such a message itself). A message whose
 * job is merely waiting its turn behind a backlog is left alone, so the sweep never adds work
 * to a queue that is already behind. Marks the rows with a fresh `updated_at`, so one sweep
 * does not repeat the next. Needs the queue started on this database (it reads pg-boss's jobs).
 */
export async function sweepStuckMessages(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .update(emailMessages)
    .set({ status: 'queued', updatedAt: now })
    .where(
      and(
        or(
          and(
            eq(emailMessages.status, 'queued'),
            lt(emailMessages.updatedAt, new Date(now.getTime() - 60_000)),
          ),
          sendingLeaseLapsed(now),
        ),
        noLiveJob(EMAIL_QUEUES.deliver, sql`${emailMessages.id}::text`),
      ),
    )
    .returning({ id: emailMessages.id });
  for (const row of rows) await enqueueDelivery(db, row.id);
  return rows.length;
}
