import type { PgBoss } from 'pg-boss';
import { getDb } from '@/server/db/runtime';
import { ensureQueue, type QueueConfig } from '@/server/queue';
import { logger } from '@/server/logger';
import { BOOKING_QUEUES, reminderQueueOptions, type ReminderJob } from './schedule-reminder';
import { sendBookingReminder } from './send-reminder';
import { expirePaymentHolds } from './booking-payment';

/** The booking module's workers: appointment reminders, and releasing unpaid held slots. */
export async function registerBookingWorkers(boss: PgBoss, config: QueueConfig): Promise<void> {
  const polling = { pollingIntervalSeconds: config.pollingIntervalSeconds, batchSize: 1 };

  await ensureQueue(BOOKING_QUEUES.reminder, reminderQueueOptions);
  await boss.work<ReminderJob>(BOOKING_QUEUES.reminder, polling, async (jobs) => {
    for (const job of jobs) await sendBookingReminder(await getDb(), job.data);
  });

  await ensureQueue(BOOKING_QUEUES.expireHolds, { retryLimit: 0, expireInSeconds: 120 });
  await boss.work(BOOKING_QUEUES.expireHolds, polling, async () => {
    const n = await expirePaymentHolds(await getDb());
    if (n > 0) logger.info({ count: n }, 'released bookings whose online payment did not complete');
  });
  await boss.schedule(BOOKING_QUEUES.expireHolds, '* * * * *');
}
