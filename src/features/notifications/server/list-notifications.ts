/**
 * Reading a user's notifications: the latest with the unread count (the bell), and by id
 * (the live stream replays what came after its cursor).
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, max } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { notifications, type Role } from '@/server/db/schema';
import { atLeast } from '@/features/access';
import type { NotificationItem, NotificationList } from '../schemas';
import type { NotificationRow } from './notify';

/** Where a notification leads: the customer's order page, or the order in the staff console. */
export function notificationHref(role: Role, reference: string | null): string | null {
  if (!reference) return null;
  const ref = encodeURIComponent(reference);
  return atLeast(role, 'technician') ? `/staff/orders/${ref}` : `/account/repairs/${ref}`;
}

export function toNotificationItem(row: NotificationRow, role: Role): NotificationItem {
  return {
    id: row.id,
    type: row.type,
    orderId: row.orderId,
    reference: row.reference,
    data: row.data ?? {},
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
    href: notificationHref(role, row.reference),
  };
}

export async function unreadNotificationCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** The newest `limit` notifications of the user, newest first, and how many are unread. */
export async function listNotifications(
  db: Db,
  user: { id: string; role: Role },
  limit = 20,
): Promise<NotificationList> {
  const [rows, unreadCount] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, user.id))
      .orderBy(desc(notifications.id))
      .limit(limit),
    unreadNotificationCount(db, user.id),
  ]);
  return { items: rows.map((r) => toNotificationItem(r, user.role)), unreadCount };
}

/** The user's notifications with id > `afterId`, oldest first. */
export function notificationsAfter(
  db: Db,
  userId: string,
  afterId: number,
  limit: number,
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), gt(notifications.id, afterId)))
    .orderBy(asc(notifications.id))
    .limit(limit);
}

export function notificationsByIds(db: Db, userId: string, ids: number[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, ids)))
    .orderBy(asc(notifications.id));
}

export async function latestNotificationId(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ id: max(notifications.id) })
    .from(notifications)
    .where(eq(notifications.userId, userId));
  return Number(row?.id ?? 0);
}
