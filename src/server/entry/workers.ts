/**
 * Every domain's queue workers and schedules, registered by bootstrap() on the process's queue
 * (src/server/queue.ts knows none of them).
 */
import type { WorkerRegistration } from '@/server/queue';
import { registerOutboxWorkers } from '@/server/outbox';
import { registerEmailWorkers } from '@/features/email/server';
import { registerBookingWorkers } from '@/features/booking/server';
import { registerConsoleWorkers } from '@/features/console/server/register-workers';
import { registerPushWorkers } from '@/features/notifications/server/push';
import { registerAnalyticsWorkers } from '@/features/analytics/server/register-workers';

export const DOMAIN_WORKERS: readonly WorkerRegistration[] = [
  // after-commit events (e.g. a new booking's staff notices): src/server/outbox.ts
  registerOutboxWorkers,
  registerEmailWorkers,
  registerBookingWorkers,
  registerConsoleWorkers,
  registerPushWorkers,
  registerAnalyticsWorkers,
];
