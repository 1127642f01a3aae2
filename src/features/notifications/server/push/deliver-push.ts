import { and, eq, sql } from 'drizzle-orm';
import webpush from 'web-push';
import type { Db } from '@/server/db/runtime';
import { pushDeliveries, pushNotifications, pushSubscriptions } from '@/server/db/schema';
import { getSecrets, vapidSubject } from '@/server/secrets';
import { buildPushPayload } from './build-payload';
import { settleNotification } from './settle-notification';
import { MAX_RETRY_AFTER_SECONDS } from './queues';

/** A push service asked us to come back later (429, 5xx) or could not be reached. */
export class PushRetryError extends Error {
  constructor(
    message: string,
    /** the push service's Retry-After, in seconds, when it gave a usable one */
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'PushRetryError';
  }
}

export type DeliveryOutcome = 'sent' | 'removed' | 'failed' | 'skipped';

/** How long one request to a push service may sit idle before it counts as failed. */
const REQUEST_TIMEOUT_MS = 15_000;

/** Retry-After as seconds (a number or an HTTP date), or null when missing or unusable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  const seconds = /^\d+$/.test(v.trim()) ? Number(v) : Math.ceil((Date.parse(v) - now) / 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_RETRY_AFTER_SECONDS) return null;
  return Math.max(1, seconds);
}

async function finish(
  db: Db,
  deliveryId: string,
  notificationId: string,
  patch: Partial<typeof pushDeliveries.$inferInsert>,
) {
  const now = new Date();
  await db
    .update(pushDeliveries)
    .set({ ...patch, updatedAt: now })
    .where(eq(pushDeliveries.id, deliveryId));
  await settleNotification(db, notificationId, now);
}

/**
 * The send worker's step for one delivery, through the real `web-push` library (VAPID, TTL,
 * Urgency, aes128gcm):
 * - 2xx: sent (the push service accepted it; the service worker reports delivery);
 * - 404/410 (expired) and 403 (made for another VAPID key): the subscription is deleted and the
 *   delivery is `removed`;
 * - 429, 5xx and network errors: a PushRetryError, so the queue retries with backoff; on the
 *   final try the delivery is `failed`;
 * - other 4xx (400, 413): `failed`, no retry.
 * Only statuses and short reasons are stored or logged, never the payload.
 */
export async function deliverPush(
  db: Db,
  deliveryId: string,
  opts: { finalAttempt: boolean },
): Promise<DeliveryOutcome> {
  const [claimed] = await db
    .update(pushDeliveries)
    .set({ attempts: sql`${pushDeliveries.attempts} + 1`, updatedAt: new Date() })
    .where(and(eq(pushDeliveries.id, deliveryId), eq(pushDeliveries.status, 'queued')))
    .returning();
  if (!claimed) return 'skipped';
  const [n] = await db
    .select()
    .from(pushNotifications)
    .where(eq(pushNotifications.id, claimed.notificationId));
  const [sub] = claimed.subscriptionId
    ? await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, claimed.subscriptionId))
    : [];
  if (!n || !sub) {
    await finish(db, deliveryId, claimed.notificationId, {
      status: 'removed',
      lastError: 'the subscription was removed',
    });
    return 'removed';
  }

  const payload = JSON.stringify(buildPushPayload(n, deliveryId));
  const { vapid } = getSecrets();
  try {
    await webpush.sendNotification(
      { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      payload,
      {
        vapidDetails: { subject: vapidSubject(), publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        TTL: n.ttl,
        urgency: n.urgency,
        contentEncoding: 'aes128gcm',
        timeout: REQUEST_TIMEOUT_MS,
        ...(n.tag && /^[A-Za-z0-9_-]{1,32}$/.test(n.tag) ? { topic: n.tag } : {}),
      },
    );
  } catch (err) {
    if (err instanceof webpush.WebPushError) {
      const status = err.statusCode;
      const reason = `push service answered ${status}`;
      if (status === 404 || status === 410 || status === 403) {
        await finish(db, deliveryId, claimed.notificationId, {
          status: 'removed',
          lastError: status === 403 ? `${reason} (made for another VAPID key)` : `${reason} (expired)`,
        });
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id));
        return 'removed';
      }
      if (status === 429 || status >= 500) {
        return retryOrFail(
          db,
          claimed.notificationId,
          deliveryId,
          reason,
          opts.finalAttempt,
          parseRetryAfter(err.headers['retry-after']),
        );
      }
      await finish(db, deliveryId, claimed.notificationId, { status: 'failed', lastError: reason });
      return 'failed';
    }
    // not an answer at all: the network, DNS, TLS or a timeout
    const message = err instanceof Error ? err.message : String(err);
    return retryOrFail(
      db,
      claimed.notificationId,
      deliveryId,
      `no answer: ${message.slice(0, 200)}`,
      opts.finalAttempt,
      null,
    );
  }

  const now = new Date();
  await finish(db, deliveryId, claimed.notificationId, { status: 'sent', sentAt: now, lastError: null });
  await db.update(pushSubscriptions).set({ lastSuccessAt: now }).where(eq(pushSubscriptions.id, sub.id));
  return 'sent';
}

async function retryOrFail(
  db: Db,
  notificationId: string,
  deliveryId: string,
  reason: string,
  finalAttempt: boolean,
  retryAfterSeconds: number | null,
): Promise<DeliveryOutcome> {
  if (finalAttempt) {
    await finish(db, deliveryId, notificationId, { status: 'failed', lastError: `${reason}; no tries left` });
    return 'failed';
  }
  await db
    .update(pushDeliveries)
    .set({ lastError: reason, updatedAt: new Date() })
    .where(eq(pushDeliveries.id, deliveryId));
  throw new PushRetryError(reason, retryAfterSeconds);
}
