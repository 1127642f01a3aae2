import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { getDb } from '@/server/db/runtime';
import { ensureQueue, type QueueConfig } from '@/server/queue';
import { logger } from '@/server/logger';
import { deliverQueueOptions, EMAIL_QUEUES, sweepQueueOptions, type DeliverJob } from './queues';
import { deliverMessage } from './deliver-message';
import { sweepStuckMessages } from './sweep-stuck-messages';

/** The e-mail module's workers and its every-minute sweep. */
export async function registerEmailWorkers(boss: PgBoss, config: QueueConfig): Promise<void> {
  const polling = { pollingIntervalSeconds: config.pollingIntervalSeconds };

  await ensureQueue(EMAIL_QUEUES.deliver, deliverQueueOptions(config));
  await boss.work(
    EMAIL_QUEUES.deliver,
    { pollingIntervalSeconds: config.pollingIntervalSeconds, batchSize: 1, includeMetadata: true },
    async (jobs: JobWithMetadata<DeliverJob>[]) => {
      for (const job of jobs) {
        const outcome = await deliverMessage(await getDb(), job.data.messageId, {
          finalAttempt: job.retryCount >= job.retryLimit,
        });
        logger.debug({ messageId: job.data.messageId, outcome, try: job.retryCount + 1 }, 'e-mail delivery');
      }
    },
  );

  await ensureQueue(EMAIL_QUEUES.sweep, sweepQueueOptions);
  await boss.work(EMAIL_QUEUES.sweep, { ...polling, batchSize: 1 }, async () => {
    const n = await sweepStuckMessages(await getDb());
    if (n > 0) logger.info({ count: n }, 're-queued stuck e-mails');
  });
  await boss.schedule(EMAIL_QUEUES.sweep, '* * * * *');
  // messages left queued while no queue ran (e.g. before this start) go out now, not in a minute
  await sweepStuckMessages(await getDb(), new Date(Date.now() + 60_000));
}
