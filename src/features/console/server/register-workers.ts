import type { PgBoss } from 'pg-boss';
import { getDb } from '@/server/db/runtime';
import { ensureQueue, type QueueConfig } from '@/server/queue';
import { logger } from '@/server/logger';
import { notifyOverdueOrders } from './notify-overdue-orders';

export const CONSOLE_QUEUES = {
  /** every five minutes: tell staff of orders newly past their status's time limit */
  overdue: 'orders-overdue-notices',
} as const;

/** The console's schedule: overdue orders. */
export async function registerConsoleWorkers(boss: PgBoss, config: QueueConfig): Promise<void> {
  await ensureQueue(CONSOLE_QUEUES.overdue, { retryLimit: 0, expireInSeconds: 240 });
  await boss.work(
    CONSOLE_QUEUES.overdue,
    { pollingIntervalSeconds: config.pollingIntervalSeconds, batchSize: 1 },
    async () => {
      const n = await notifyOverdueOrders(await getDb());
      if (n > 0) logger.info({ count: n }, 'told staff of orders newly overdue');
    },
  );
  await boss.schedule(CONSOLE_QUEUES.overdue, '*/5 * * * *');
}
