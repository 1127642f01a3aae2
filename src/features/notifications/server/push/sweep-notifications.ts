import { and, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushNotifications } from '@/server/db/schema';
import { noLiveJob } from '@/server/queue';
import { enqueueDispatch } from './enqueue-dispatch';
import { PUSH_QUEUES } from './queues';

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
