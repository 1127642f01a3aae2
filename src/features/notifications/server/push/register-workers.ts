import type { JobResult, JobWithMetadata, PgBoss } from 'pg-boss';
import { getDb } from '@/server/db/runtime';
import { enqueue, ensureQueue, type QueueConfig } from '@/server/queue';
import { logger } from '@/server/logger';
import {
  dispatchQueueOptions,
  PUSH_QUEUES,
  SEND_BATCH_SIZE,
  sendQueueOptions,
  sweepQueueOptions,
  type DispatchJob,
  type SendJob,
} from './queues';
import { deliverPush, PushRetryError } from './deliver-push';
import { dispatchNotification } from './dispatch-notification';
import { sweepDeliveries, sweepNotifications } from './sweep-notifications';

/**
 * A push service that said when to come back (Retry-After) gets one new job at that time with
 * the tries that are left, instead of the queue's own backoff. False when none could be sent.
 */
async function retryAt(
  job: JobWithMetadata<SendJob>,
  seconds: number,
  config: QueueConfig,
): Promise<boolean> {
  const left = job.retryLimit - job.retryCount - 1;
  if (left < 0) return false;
  const options = sendQueueOptions(config);
  const id = await enqueue(PUSH_QUEUES.send, job.data, {
    queue: options,
    send: {
      singletonKey: job.data.deliveryId,
      retryLimit: left,
      retryDelay: options.retryDelay,
      retryBackoff: true,
      retryDelayMax: options.retryDelayMax,
    },
    startAfter: new Date(Date.now() + seconds * 1000),
  });
  return id !== null;
}

function sendBatch(config: QueueConfig) {
  return async (jobs: JobWithMetadata<SendJob>[]): Promise<JobResult[]> => {
    const db = await getDb();
    return Promise.all(
      jobs.map(async (job): Promise<JobResult> => {
        const deliveryId = job.data.deliveryId;
        try {
          const outcome = await deliverPush(db, deliveryId, {
            finalAttempt: job.retryCount >= job.retryLimit,
          });
          logger.debug({ deliveryId, outcome, try: job.retryCount + 1 }, 'push delivery');
          return { id: job.id, status: 'completed' };
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          logger.debug({ deliveryId, err: message, try: job.retryCount + 1 }, 'push delivery to retry');
          if (err instanceof PushRetryError && err.retryAfterSeconds !== null) {
            if (await retryAt(job, err.retryAfterSeconds, config)) {
              return { id: job.id, status: 'completed', output: { retryAfter: err.retryAfterSeconds } };
            }
          }
          return { id: job.id, status: 'failed', output: { message } };
        }
      }),
    );
  };
}

/** The push module's workers: dispatch (fan-out), send (one delivery each) and the sweep. */
export async function registerPushWorkers(boss: PgBoss, config: QueueConfig): Promise<void> {
  const polling = { pollingIntervalSeconds: config.pollingIntervalSeconds };

  await ensureQueue(PUSH_QUEUES.send, sendQueueOptions(config));
  await boss.work(
    PUSH_QUEUES.send,
    {
      ...polling,
      batchSize: SEND_BATCH_SIZE,
      includeMetadata: true,
      perJobResults: true,
      burstWhenBatchFull: true,
    },
    sendBatch(config),
  );

  await ensureQueue(PUSH_QUEUES.dispatch, dispatchQueueOptions(config));
  await boss.work<DispatchJob>(PUSH_QUEUES.dispatch, { ...polling, batchSize: 1 }, async ([job]) => {
    if (!job) return;
    const outcome = await dispatchNotification(await getDb(), job.data.notificationId);
    logger.debug({ notificationId: job.data.notificationId, outcome }, 'push dispatch');
  });

  await ensureQueue(PUSH_QUEUES.sweep, sweepQueueOptions);
  await boss.work(PUSH_QUEUES.sweep, { ...polling, batchSize: 1 }, async () => {
    const db = await getDb();
    const n = await sweepNotifications(db);
    const d = await sweepDeliveries(db);
    if (n + d > 0) logger.info({ notifications: n, deliveries: d }, 're-queued push work');
  });
  await boss.schedule(PUSH_QUEUES.sweep, '* * * * *');
  // notifications left queued while no queue ran (e.g. before this start) go out now
  await sweepNotifications(await getDb(), new Date(), 0);
}
