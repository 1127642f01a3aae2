import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushNotifications, type PushUrgency } from '@/server/db/schema';
import { enqueueDispatch } from './enqueue-dispatch';
import { findTargetSubscriptions, insertDeliveries } from './targets';

/** How long a push service keeps an event's message for an offline browser: a day. */
export const DEFAULT_PUSH_TTL = 86_400;

export interface QueuePushInput {
  userIds: string[];
  /** e.g. quote_ready, new_booking: what the worker and the stats call it */
  kind: string;
  title: string;
  body: string;
  /** a path on this site, opened on click */
  url?: string;
  /** a later notification with the same tag replaces the earlier one on the device */
  tag?: string;
  urgency?: PushUrgency;
  ttl?: number;
  createdBy?: string | null;
}

/**
 * For other domains (an event that matters to these users): stores the notification and one
 * delivery per subscription of these users, and queues the send inside `tx`, so nothing is sent
 * for a change that rolls back. Null when none of them has a subscription. It does not read
 * notification preferences: the caller does.
 */
export async function queuePushToUsers(
  tx: Db,
  input: QueuePushInput,
): Promise<{ notificationId: string; targeted: number } | null> {
  const userIds = [...new Set(input.userIds)];
  const subscriptions = await findTargetSubscriptions(tx, { userIds });
  if (subscriptions.length === 0) return null;
  const [row] = await tx
    .insert(pushNotifications)
    .values({
      kind: input.kind,
      createdBy: input.createdBy ?? null,
      targetUserIds: userIds,
      title: input.title.slice(0, 120),
      body: input.body.slice(0, 500),
      url: input.url ?? null,
      tag: input.tag ?? null,
      urgency: input.urgency ?? 'normal',
      ttl: input.ttl ?? DEFAULT_PUSH_TTL,
      status: 'queued',
      targeted: subscriptions.length,
    })
    .returning({ id: pushNotifications.id });
  const notificationId = row!.id;
  await insertDeliveries(tx, notificationId, subscriptions);
  const jobId = await enqueueDispatch(tx, notificationId);
  if (jobId)
    await tx.update(pushNotifications).set({ jobId }).where(eq(pushNotifications.id, notificationId));
  return { notificationId, targeted: subscriptions.length };
}
