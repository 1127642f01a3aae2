/** The live feed of a user's notifications (and "some were read", so other tabs update their count). */
import type { Db } from '@/server/db/runtime';
import type { Role } from '@/server/db/schema';
import { rowOrResync, type LiveFeed, type LiveItem } from '@/features/live/server';
import {
  latestNotificationId,
  notificationsAfter,
  notificationsByIds,
  toNotificationItem,
} from './list-notifications';

export function notificationFeed(db: Db, user: { id: string; role: Role }): LiveFeed {
  const toItem = (row: Parameters<typeof toNotificationItem>[0]): LiveItem => ({
    id: row.id,
    data: { kind: 'notification', ...toNotificationItem(row, user.role) },
  });
  return {
    channels: [`user:${user.id}`],
    announced: (message) => {
      if (message.read === true) {
        const unreadCount = typeof message.unreadCount === 'number' ? message.unreadCount : null;
        return { kind: 'signal', data: { kind: 'read', unreadCount } };
      }
      return rowOrResync(message, 'notificationId');
    },
    head: () => latestNotificationId(db, user.id),
    after: async (afterId, limit) => (await notificationsAfter(db, user.id, afterId, limit)).map(toItem),
    byIds: async (ids) => (await notificationsByIds(db, user.id, ids)).map(toItem),
  };
}
