/**
 * In-app notifications: `createNotifications` inside the transaction that caused them,
 * `publishNotifications` after it commits (the notification centre updates live).
 */
import type { Db } from '@/server/db/runtime';
import { notifications } from '@/server/db/schema';
import { getEventBus } from '@/server/events';
import { logger } from '@/server/logger';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NotificationInput {
  userId: string;
  /** status_changed | message | note | quote_sent | quote_decided | assigned | photo_added */
  type: string;
  orderId?: string | null;
  reference?: string | null;
  data?: Record<string, unknown>;
}

export async function createNotifications(tx: Db, inputs: NotificationInput[]): Promise<NotificationRow[]> {
  const unique = new Map<string, NotificationInput>();
  for (const n of inputs) unique.set(`${n.userId}:${n.type}:${n.orderId ?? ''}`, n);
  if (unique.size === 0) return [];
  return tx
    .insert(notifications)
    .values(
      [...unique.values()].map((n) => ({
        userId: n.userId,
        type: n.type,
        orderId: n.orderId ?? null,
        reference: n.reference ?? null,
        data: n.data ?? {},
      })),
    )
    .returning();
}

export function publishNotifications(rows: NotificationRow[]): void {
  const bus = getEventBus();
  for (const n of rows) {
    bus
      .publish(`user:${n.userId}`, { notificationId: n.id, type: n.type, orderId: n.orderId })
      .catch((err: unknown) => logger.error({ err, userId: n.userId }, 'could not publish a notification'));
  }
}
