/**
 * Marks the caller's notifications read (some by id, or all). Only the caller's own rows are
 * touched: ids of someone else's notifications are ignored. Other open tabs of the user hear
 * about it live (`user:<id>` { read: true }).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { notifications } from '@/server/db/schema';
import { getEventBus } from '@/server/events';
import { logger } from '@/server/logger';
import type { MarkRead } from '../schemas';
import { unreadNotificationCount } from './list-notifications';

export async function markNotificationsRead(
  db: Db,
  userId: string,
  input: MarkRead,
  now = new Date(),
): Promise<{ updated: number; unreadCount: number }> {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(input.all ? mine : and(mine, inArray(notifications.id, input.ids ?? [])))
    .returning({ id: notifications.id });
  const unreadCount = await unreadNotificationCount(db, userId);
  if (rows.length > 0) {
    getEventBus()
      .publish(`user:${userId}`, { read: true, unreadCount })
      .catch((err: unknown) => logger.error({ err, userId }, 'could not publish a read notification'));
  }
  return { updated: rows.length, unreadCount };
}
