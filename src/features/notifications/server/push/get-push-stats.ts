import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushDeliveries, pushNotifications } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import type { PushCounts, PushStats } from '../../push-schemas';

/**
 * A notification's delivery counts: targeted (subscriptions it went to, or for a scheduled one
 * would go to now), sent (the push service accepted it), failed, removed (expired
 * subscriptions pruned), delivered and clicked (reported by the service worker; clicked implies
 * delivered, delivered implies sent). A send to a role also has them per recipient role.
 */
export async function getPushStats(db: Db, id: string): Promise<PushStats> {
  const [n] = await db.select().from(pushNotifications).where(eq(pushNotifications.id, id));
  if (!n) throw new DomainError('NOT_FOUND', 'No notification with this id.');
  const rows = await db
    .select({
      role: pushDeliveries.userRole,
      total: sql<number>`count(*)::int`,
      sent: sql<number>`count(*) FILTER (WHERE ${pushDeliveries.status} = 'sent' OR ${pushDeliveries.deliveredAt} IS NOT NULL)::int`,
      failed: sql<number>`count(*) FILTER (WHERE ${pushDeliveries.status} = 'failed')::int`,
      removed: sql<number>`count(*) FILTER (WHERE ${pushDeliveries.status} = 'removed')::int`,
      delivered: sql<number>`count(${pushDeliveries.deliveredAt})::int`,
      clicked: sql<number>`count(${pushDeliveries.clickedAt})::int`,
    })
    .from(pushDeliveries)
    .where(eq(pushDeliveries.notificationId, id))
    .groupBy(pushDeliveries.userRole);
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((a, r) => a + Number(r[k]), 0);
  const stats: PushStats = {
    id: n.id,
    kind: n.kind,
    status: n.status,
    targeted: rows.length > 0 ? sum('total') : n.targeted,
    sent: sum('sent'),
    failed: sum('failed'),
    delivered: sum('delivered'),
    clicked: sum('clicked'),
    removed: sum('removed'),
  };
  if (n.targetRole) {
    stats.byRole = Object.fromEntries(
      rows.map((r): [string, PushCounts] => [
        r.role,
        {
          targeted: Number(r.total),
          sent: Number(r.sent),
          failed: Number(r.failed),
          delivered: Number(r.delivered),
          clicked: Number(r.clicked),
          removed: Number(r.removed),
        },
      ]),
    );
  }
  return stats;
}
