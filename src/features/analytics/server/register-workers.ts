import type { PgBoss } from 'pg-boss';
import { env } from '@/env';
import { getDb } from '@/server/db/runtime';
import { ensureQueue, type QueueConfig } from '@/server/queue';
import { logger } from '@/server/logger';
import { purgeOldEvents } from './record-events';

export const ANALYTICS_QUEUES = {
  /** daily at 03:17: delete tracker events older than ANALYTICS_RETENTION_DAYS */
  retention: 'analytics-events-retention',
} as const;

/** The analytics schedule: the tracker events' retention. */
export async function registerAnalyticsWorkers(boss: PgBoss, config: QueueConfig): Promise<void> {
  await ensureQueue(ANALYTICS_QUEUES.retention, { retryLimit: 2, expireInSeconds: 1800 });
  await boss.work(
    ANALYTICS_QUEUES.retention,
    { pollingIntervalSeconds: config.pollingIntervalSeconds, batchSize: 1 },
    async () => {
      const n = await purgeOldEvents(await getDb(), env.ANALYTICS_RETENTION_DAYS);
      if (n > 0) logger.info({ count: n }, 'deleted analytics events past their retention');
    },
  );
  await boss.schedule(ANALYTICS_QUEUES.retention, '17 3 * * *');
}
