import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushDeliveries, pushNotifications } from '@/server/db/schema';
import { noLiveJob } from '@/server/queue';
import { enqueueDispatch } from './enqueue-dispatch';
import { PUSH_QUEUES } from './queues';
import { enqueueSends } from './enqueue-sends';

/** A notification is left alone this long after it was stored (its own job may be on its way). */
const GRACE_MS = 60_000;

/**
 * Notifications that are due (queued, or scheduled and past their time) with no live dispatch
 * job, e.g. stored while no queue ran in the process: queued again. Returns how many.
 */
export async function sweepNotifications(db: Db, now = new Date(), graceMs = GRACE_MS): Promise<number> {
  const stuck = await db
    .select({ id: pushNotifications.id, scheduledFor: pushNotifications.scheduledFor })
    .from(pushNotifications)
    .where(
      and(
        inArray(pushNotifications.status, ['queued', 'scheduled']),
        or(isNull(pushNotifications.scheduledFor), lte(pushNotifications.scheduledFor, now)),
        lte(pushNotifications.createdAt, new Date(now.getTime() - graceMs)),
        noLiveJob(PUSH_QUEUES.dispatch, sql`${pushNotifications.id}::text`),
      ),
    )
    .limit(500);
  let n = 0;
  for (const row of stuck) if (await enqueueDispatch(db, row.id)) n++;
  return n;
}

/** A queued delivery untouched this long with no live send job lost it (e.g. a job that expired). */
const STALE_DELIVERY_MS = 10 * 60_000;

/**
 * Deliveries still queued long after their notification was dispatched, with no live send job
 * (their job ran out while a worker hung, or was lost): one new send job each. Returns how many.
 */
export async function sweepDeliveries(db: Db, now = new Date()): Promise<number> {
  const stuck = await db
    .select({ id: pushDeliveries.id })
    .from(pushDeliveries)
    .innerJoin(pushNotifications, eq(pushNotifications.id, pushDeliveries.notificationId))
    .where(
      and(
        eq(pushDeliveries.status, 'queued'),
        eq(pushNotifications.status, 'sending'),
        lte(pushDeliveries.updatedAt, new Date(now.getTime() - STALE_DELIVERY_MS)),
        noLiveJob(PUSH_QUEUES.send, sql`${pushDeliveries.id}::text`),
      ),
    )
    .limit(500);
  if (stuck.length === 0) return 0;
  const ids = await enqueueSends(stuck.map((d) => d.id));
  return ids?.length ?? 0;
}
