import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushDeliveries, pushNotifications } from '@/server/db/schema';
import { enqueueSends } from './enqueue-sends';
import { findTargetSubscriptions, insertDeliveries, targetOf } from './targets';
import { settleNotification } from './settle-notification';

/**
 * The dispatch worker's step for one notification, in one transaction:
 * - claims it (queued or scheduled -> sending, a conditional UPDATE: a cancelled send, or one
 *   another worker took, is skipped);
 * - a scheduled send gets its deliveries now, to the subscriptions of this moment;
 * - queues one send job per queued delivery (with the same transaction).
 */
export async function dispatchNotification(
  db: Db,
  notificationId: string,
  now = new Date(),
): Promise<'dispatched' | 'skipped'> {
  return db.transaction(async (tx) => {
    const [n] = await tx
      .update(pushNotifications)
      .set({ status: 'sending', updatedAt: now })
      .where(
        and(
          eq(pushNotifications.id, notificationId),
          inArray(pushNotifications.status, ['queued', 'scheduled']),
        ),
      )
      .returning();
    if (!n) return 'skipped';
    if (n.scheduledFor) {
      const subscriptions = await findTargetSubscriptions(tx, targetOf(n));
      await insertDeliveries(tx, n.id, subscriptions);
      await tx
        .update(pushNotifications)
        .set({ targeted: subscriptions.length })
        .where(eq(pushNotifications.id, n.id));
    }
    const queued = await tx
      .select({ id: pushDeliveries.id })
      .from(pushDeliveries)
      .where(and(eq(pushDeliveries.notificationId, n.id), eq(pushDeliveries.status, 'queued')));
    if (queued.length > 0) {
      const ids = await enqueueSends(
        queued.map((d) => d.id),
        tx,
      );
      // no queue here: roll back, so the notification stays queued for a retry or the sweep
      if (ids === null) throw new Error('the push-send queue does not run in this process');
    }
    await settleNotification(tx, n.id, now);
    return 'dispatched';
  });
}
