import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushNotifications } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { cancelJob } from '@/server/queue';
import { logger } from '@/server/logger';
import { PUSH_QUEUES } from './queues';

/**
 * Cancels a scheduled send: a conditional UPDATE (scheduled -> cancelled) decides the race with
 * the dispatch job, which only takes a notification that is still scheduled; then its job is
 * cancelled too. Cancelling twice answers the same; once sending or sent it is a CONFLICT.
 */
export async function cancelScheduledPush(db: Db, id: string): Promise<{ id: string; status: 'cancelled' }> {
  const [row] = await db
    .update(pushNotifications)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(and(eq(pushNotifications.id, id), eq(pushNotifications.status, 'scheduled')))
    .returning({ jobId: pushNotifications.jobId });
  if (row) {
    if (row.jobId) {
      // the row already says cancelled, so the job would skip it anyway: a failure here is harmless
      await cancelJob(PUSH_QUEUES.dispatch, row.jobId).catch((err: unknown) =>
        logger.warn({ err, notificationId: id }, 'could not cancel a scheduled push job'),
      );
    }
    return { id, status: 'cancelled' };
  }
  const [current] = await db
    .select({ status: pushNotifications.status, scheduledFor: pushNotifications.scheduledFor })
    .from(pushNotifications)
    .where(eq(pushNotifications.id, id));
  if (!current || !current.scheduledFor)
    throw new DomainError('NOT_FOUND', 'No scheduled notification with this id.');
  if (current.status === 'cancelled') return { id, status: 'cancelled' };
  throw new DomainError(
    'CONFLICT',
    'This notification is already being sent or was sent; it cannot be cancelled.',
    [],
    {
      status: current.status,
    },
  );
}
