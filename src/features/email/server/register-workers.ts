import type { JobResult, JobWithMetadata, PgBoss } from 'pg-boss';
import { getDb } from '@/server/db/runtime';
import { ensureQueue, type QueueConfig } from '@/server/queue';
import { logger } from '@/server/logger';
import {
  DELIVERY_BATCH_SIZE,
  DELIVERY_CONCURRENCY,
  deliverQueueOptions,
  EMAIL_QUEUES,
  sweepQueueOptions,
  type DeliverJob,
} from './queues';
import { deliverMessage } from './deliver-message';
import { loadSmtpConfig } from './load-smtp-config';
import { sweepStuckMessages } from './sweep-stuck-messages';

/** Delivers a batch side by side; each job completes or fails (and is retried) on its own. */
async function deliverBatch(jobs: JobWithMetadata<DeliverJob>[]): Promise<JobResult[]> {
  const db = await getDb();
  const smtp = await loadSmtpConfig(db);
  return Promise.all(
    jobs.map(async (job): Promise<JobResult> => {
      try {
        const outcome = await deliverMessage(db, job.data.messageId, {
          finalAttempt: job.retryCount >= job.retryLimit,
          smtp,
        });
        logger.debug({ messageId: job.data.messageId, outcome, try: job.retryCount + 1 }, 'e-mail delivery');
        return { id: job.id, status: 'completed' };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        logger.debug({ messageId: job.data.messageId, err: message }, 'e-mail delivery failed');
        return { id: job.id, status: 'failed', output: { message } };
      }
    }),
  );
}

/** The e-mail module's workers and its every-minute sweep. */
export async function registerEmailWorkers(boss: PgBoss, config: QueueConfig): Promise<void> {
  const polling = { pollingIntervalSeconds: config.pollingIntervalSeconds };

  await ensureQueue(EMAIL_QUEUES.deliver, deliverQueueOptions(config));
  await boss.work(
    EMAIL_QUEUES.deliver,
    {
      ...polling,
      batchSize: DELIVERY_BATCH_SIZE,
      localConcurrency: DELIVERY_CONCURRENCY,
      burstWhenBatchFull: true,
      includeMetadata: true,
      perJobResults: true,
    },
    deliverBatch,
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
