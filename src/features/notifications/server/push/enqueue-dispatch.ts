import type { Db } from '@/server/db/runtime';
import { enqueue, queueConfig } from '@/server/queue';
import { dispatchQueueOptions, PUSH_QUEUES, type DispatchJob } from './queues';

/**
 * Queues the dispatch of a stored notification, written with `db` (the transaction that stored
 * it: the job commits or rolls back with it), at `startAfter` for a scheduled send. Keyed by the
 * notification on an exclusive queue: never two live jobs for one notification. Null when this
 * process runs no queue (the sweep of a running instance picks the notification up).
 */
export function enqueueDispatch(db: Db, notificationId: string, startAfter?: Date): Promise<string | null> {
  const job: DispatchJob = { notificationId };
  return enqueue(PUSH_QUEUES.dispatch, job, {
    db,
    queue: dispatchQueueOptions(queueConfig()),
    send: { singletonKey: notificationId },
    ...(startAfter ? { startAfter } : {}),
  });
}
