import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushDeliveries } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import type { PushReceiptInput } from '../../push-schemas';

/**
 * The service worker's report: `delivered` (the push arrived) or `clicked` (the notification was
 * clicked, which implies delivered). Forward-only and idempotent: each moment is set once by a
 * conditional UPDATE (`... IS NULL`), so repeats and parallel reports change nothing further and
 * a late `delivered` never undoes a click. Unknown delivery: NOT_FOUND.
 */
export async function recordPushReceipt(db: Db, input: PushReceiptInput, now = new Date()): Promise<void> {
  const changed =
    input.event === 'delivered'
      ? await db
          .update(pushDeliveries)
          .set({ deliveredAt: now, updatedAt: now })
          .where(and(eq(pushDeliveries.id, input.deliveryId), isNull(pushDeliveries.deliveredAt)))
          .returning({ id: pushDeliveries.id })
      : await db
          .update(pushDeliveries)
          .set({
            clickedAt: now,
            deliveredAt: sql`coalesce(${pushDeliveries.deliveredAt}, ${now.toISOString()}::timestamptz)`,
            updatedAt: now,
          })
          .where(and(eq(pushDeliveries.id, input.deliveryId), isNull(pushDeliveries.clickedAt)))
          .returning({ id: pushDeliveries.id });
  if (changed.length > 0) return;
  const [exists] = await db
    .select({ id: pushDeliveries.id })
    .from(pushDeliveries)
    .where(eq(pushDeliveries.id, input.deliveryId));
  if (!exists) throw new DomainError('NOT_FOUND', 'No push delivery with this id.');
}
