import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushNotifications } from '@/server/db/schema';

/** Sends waiting for their time, soonest first. */
export async function listScheduledPushes(db: Db) {
  const rows = await db
    .select()
    .from(pushNotifications)
    .where(eq(pushNotifications.status, 'scheduled'))
    .orderBy(asc(pushNotifications.scheduledFor))
    .limit(200);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      url: r.url,
      userId: r.targetUserId,
      role: r.targetRole,
      scheduledFor: r.scheduledFor!.toISOString(),
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
