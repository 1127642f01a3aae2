/**
 * The overdue schedule: orders that went past their status's time limit (STATUS_TIME_LIMIT_HOURS,
 * the SQL twin `overdueCondition`) within the last day are told to the staff who care (the rule
 * in repairs' staff-to-notify.ts: the assigned technician and the shop's managers) as each of
 * them chose for `order_overdue` (bell, push, e-mail). Once per status entry: the order_overdue_notices row is claimed
 * in the same transaction as the notices, so a second run or a second worker tells nobody again.
 * Orders overdue for longer than a day (say, before this schedule existed) are not announced.
 */
import { and, eq, isNull, not } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { orderOverdueNotices, repairOrders } from '@/server/db/schema';
import { staffToNotify } from '@/features/repairs/server';
import {
  dispatchNotice,
  noticeUrl,
  publishNotifications,
  pushText,
  type NotificationRow,
} from '@/features/notifications/server';
import { sendNoticeEmails } from '@/features/email/server';
import { overdueCondition } from './list-staff-orders';

/** How far back "newly overdue" reaches. */
export const OVERDUE_LOOKBACK_MS = 86_400_000;

/** Tells staff of orders newly overdue at `now`; returns how many orders were announced. */
export async function notifyOverdueOrders(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .select({
      id: repairOrders.id,
      reference: repairOrders.reference,
      status: repairOrders.status,
      statusEnteredAt: repairOrders.statusEnteredAt,
      shopSlug: repairOrders.shopSlug,
      assignedTechnicianId: repairOrders.assignedTechnicianId,
    })
    .from(repairOrders)
    .leftJoin(
      orderOverdueNotices,
      and(
        eq(orderOverdueNotices.orderId, repairOrders.id),
        eq(orderOverdueNotices.statusEnteredAt, repairOrders.statusEnteredAt),
      ),
    )
    .where(
      and(
        overdueCondition(now),
        not(overdueCondition(new Date(now.getTime() - OVERDUE_LOOKBACK_MS))),
        isNull(orderOverdueNotices.orderId),
      ),
    )
    .limit(500);
  let announced = 0;
  for (const order of due) {
    const rows: NotificationRow[] | null = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(orderOverdueNotices)
        .values({
          orderId: order.id,
          status: order.status,
          statusEnteredAt: order.statusEnteredAt,
          notifiedAt: now,
        })
        .onConflictDoNothing()
        .returning({ orderId: orderOverdueNotices.orderId });
      if (!claimed) return null;
      const userIds = await staffToNotify(tx, order, 'order_overdue');
      const { notifications } = await dispatchNotice(tx, {
        kind: 'order_overdue',
        userIds,
        reference: order.reference,
        inApp: {
          type: 'order_overdue',
          orderId: order.id,
          reference: order.reference,
          data: { status: order.status },
        },
        email: (ids) =>
          sendNoticeEmails(tx, {
            userIds: ids,
            ...pushText('order_overdue', order.reference),
            path: noticeUrl('order_overdue', order.reference),
            dedupeKey: `notice:order_overdue:${order.id}:${order.statusEnteredAt.toISOString()}`,
          }),
      });
      return notifications;
    });
    if (rows) {
      announced += 1;
      publishNotifications(rows);
    }
  }
  return announced;
}
