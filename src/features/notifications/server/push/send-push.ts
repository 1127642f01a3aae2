import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushNotifications, user } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { MAX_PUSH_PAYLOAD_BYTES, type PushSendInput } from '../../push-schemas';
import { buildPushPayload, payloadBytes } from './build-payload';
import { enqueueDispatch } from './enqueue-dispatch';
import { DEFAULT_PUSH_TTL } from './queue-push';
import { findTargetSubscriptions, insertDeliveries, type PushTarget } from './targets';

/** The kind of a notification staff wrote themselves. */
export const MANUAL_KIND = 'manual';
const SAMPLE_DELIVERY_ID = '00000000-0000-4000-8000-000000000000';

export interface SendPushResult {
  id: string;
  status: 'queued' | 'scheduled';
  scheduledFor: string | null;
  targeted: number;
}

/**
 * Staff send a notification to one user or everyone with a role, now or at `sendAt`. Now: one
 * delivery per current subscription, sent by the queue. Scheduled: one job at `sendAt`, which
 * sends to the subscriptions of that moment (`targeted` is today's count). A target with no
 * subscription is fine (targeted 0). Larger than 3 KB once encoded: PAYLOAD_TOO_LARGE.
 */
export async function sendPush(db: Db, senderId: string, input: PushSendInput): Promise<SendPushResult> {
  const content = {
    kind: MANUAL_KIND,
    title: input.title,
    body: input.body,
    icon: input.icon ?? null,
    badge: input.badge ?? null,
    url: input.url ?? null,
    tag: null,
    actions: input.actions ?? null,
  };
  const bytes = payloadBytes(buildPushPayload(content, SAMPLE_DELIVERY_ID));
  if (bytes > MAX_PUSH_PAYLOAD_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', 'The notification is too large to push.', [
      {
        path: 'body',
        message: `The notification is ${bytes} bytes once encoded; at most ${MAX_PUSH_PAYLOAD_BYTES} fit. Shorten the message, title, links or actions.`,
      },
    ]);
  }
  const target: PushTarget = input.userId ? { userId: input.userId } : { role: input.role! };
  if ('userId' in target) {
    const [found] = await db.select({ id: user.id }).from(user).where(eq(user.id, target.userId));
    if (!found) {
      throw new DomainError('VALIDATION_FAILED', 'The recipient is unknown.', [
        { path: 'userId', message: 'There is no user with this id.' },
      ]);
    }
  }
  const scheduledFor = input.sendAt ? new Date(input.sendAt) : null;

  return db.transaction(async (tx) => {
    const subscriptions = await findTargetSubscriptions(tx, target);
    const status = scheduledFor ? 'scheduled' : subscriptions.length > 0 ? 'queued' : 'sent';
    const [row] = await tx
      .insert(pushNotifications)
      .values({
        ...content,
        createdBy: senderId,
        targetUserId: 'userId' in target ? target.userId : null,
        targetRole: 'role' in target ? target.role : null,
        urgency: input.urgency ?? 'normal',
        ttl: input.ttl ?? DEFAULT_PUSH_TTL,
        scheduledFor,
        status,
        targeted: subscriptions.length,
        ...(status === 'sent' ? { sentAt: new Date() } : {}),
      })
      .returning({ id: pushNotifications.id });
    const id = row!.id;
    if (status !== 'sent') {
      if (!scheduledFor) await insertDeliveries(tx, id, subscriptions);
      const jobId = await enqueueDispatch(tx, id, scheduledFor ?? undefined);
      if (jobId) await tx.update(pushNotifications).set({ jobId }).where(eq(pushNotifications.id, id));
    }
    return {
      id,
      status: scheduledFor ? 'scheduled' : 'queued',
      scheduledFor: scheduledFor?.toISOString() ?? null,
      targeted: subscriptions.length,
    };
  });
}
