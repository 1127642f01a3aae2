import type { Db } from '@/server/db/runtime';
import { enqueueMany, queueConfig } from '@/server/queue';
import { PUSH_QUEUES, sendQueueOptions, type SendJob } from './queues';

/**
 * One `push-send` job per delivery, with the send queue's retries. Inside `tx` when given (the
 * dispatch step), on its own otherwise (the sweep). The delivery id is the job's singleton key:
 * not unique on this queue, it lets the sweep see whether a delivery still has a live job.
 * Null when no queue runs in this process.
 */
export function enqueueSends(deliveryIds: string[], tx?: Db): Promise<string[] | null> {
  const options = sendQueueOptions(queueConfig());
  return enqueueMany(
    PUSH_QUEUES.send,
    deliveryIds.map((deliveryId) => ({
      data: { deliveryId } satisfies SendJob,
      singletonKey: deliveryId,
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelay,
      retryBackoff: options.retryBackoff,
      retryDelayMax: options.retryDelayMax,
      expireInSeconds: options.expireInSeconds,
    })),
    { db: tx, queue: options },
  );
}
