import type { Db } from '@/server/db/runtime';
import { enqueue, queueConfig } from '@/server/queue';
import { deliverQueueOptions, EMAIL_QUEUES, type DeliverJob } from './queues';

/**
 * Queues the delivery of a stored message, written with `db`: given the transaction that stored
 * the message, the job commits (or rolls back) with it. The job is keyed by the message id on an
 * exclusive queue, so a message never has two live jobs: a second call while one waits, retries
 * or runs adds nothing. When this process runs no queue (e.g. a script), the row simply stays
 * `queued` and the sweep of a running instance delivers it. `deliverAfter` holds the job back
 * until then (a notice that may still be withdrawn, see `cancelQueuedMessage`).
 */
export async function enqueueDelivery(db: Db, messageId: string, deliverAfter?: Date): Promise<boolean> {
  const job: DeliverJob = { messageId };
  const id = await enqueue(EMAIL_QUEUES.deliver, job, {
    db,
    queue: deliverQueueOptions(queueConfig()),
    send: { singletonKey: messageId },
    ...(deliverAfter ? { startAfter: deliverAfter } : {}),
  });
  return id !== null;
}
