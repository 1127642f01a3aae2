import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushDeliveries, pushNotifications } from '@/server/db/schema';

/** A sending notification whose deliveries are all settled (none queued) is sent. */
export async function settleNotification(db: Db, notificationId: string, now = new Date()): Promise<void> {
  await db
    .update(pushNotifications)
    .set({ status: 'sent', sentAt: now, updatedAt: now })
    .where(
      and(
        eq(pushNotifications.id, notificationId),
        eq(pushNotifications.status, 'sending'),
        sql`NOT EXISTS (SELECT 1 FROM ${pushDeliveries} d
          WHERE d.notification_id = ${notificationId} AND d.status = 'queued')`,
      ),
    );
}
