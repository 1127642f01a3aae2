import { enqueue, queueConfig } from '@/server/queue';
import { deliverQueueOptions, EMAIL_QUEUES, type DeliverJob } from './queues';

/**
 * Queues the delivery of a stored message. When this process runs no queue (e.g. a script), the
 * row simply stays `queued` and the sweep of a running instance delivers it.
 */
export async function enqueueDelivery(messageId: string): Promise<boolean> {
  const job: DeliverJob = { messageId };
  const id = await enqueue(EMAIL_QUEUES.deliver, job, { queue: deliverQueueOptions(queueConfig()) });
  return id !== null;
}
