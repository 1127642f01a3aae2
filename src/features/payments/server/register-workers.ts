import type { PgBoss } from 'pg-boss';
import { getDb } from '@/server/db/runtime';
import { ensureQueue, type QueueConfig } from '@/server/queue';
import { logger } from '@/server/logger';
import { expirePaymentHolds } from './booking-payment';

export const PAYMENT_QUEUES = {
  /** every minute: cancel bookings whose online payment did not complete while the slot was held */
  expireHolds: 'payments-expire-holds',
} as const;

export async function registerPaymentWorkers(boss: PgBoss, config: QueueConfig): Promise<void> {
  await ensureQueue(PAYMENT_QUEUES.expireHolds, { retryLimit: 0, expireInSeconds: 120 });
  await boss.work(
    PAYMENT_QUEUES.expireHolds,
    { pollingIntervalSeconds: config.pollingIntervalSeconds, batchSize: 1 },
    async () => {
      const n = await expirePaymentHolds(await getDb());
      if (n > 0) logger.info({ count: n }, 'released bookings whose online payment did not complete');
    },
  );
  await boss.schedule(PAYMENT_QUEUES.expireHolds, '* * * * *');
}
