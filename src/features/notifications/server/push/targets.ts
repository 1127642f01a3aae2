import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { pushDeliveries, pushSubscriptions, user, type Role } from '@/server/db/schema';

/** Who a notification goes to: one user, a role, or a list of users (an event's recipients). */
export type PushTarget = { userId: string } | { role: Role } | { userIds: string[] };

export interface TargetSubscription {
  id: string;
  userId: string;
  role: Role;
}

/** The subscriptions of the target's users that are not disabled. */
export async function findTargetSubscriptions(db: Db, target: PushTarget): Promise<TargetSubscription[]> {
  const who =
    'userId' in target
      ? eq(user.id, target.userId)
      : 'role' in target
        ? eq(user.role, target.role)
        : target.userIds.length > 0
          ? inArray(user.id, target.userIds)
          : null;
  if (!who) return [];
  return db
    .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId, role: user.role })
    .from(pushSubscriptions)
    .innerJoin(user, eq(user.id, pushSubscriptions.userId))
    .where(and(who, isNull(user.disabledAt)))
    .orderBy(pushSubscriptions.createdAt);
}

/** One queued delivery per subscription. */
export async function insertDeliveries(
  db: Db,
  notificationId: string,
  subscriptions: TargetSubscription[],
): Promise<void> {
  if (subscriptions.length === 0) return;
  await db.insert(pushDeliveries).values(
    subscriptions.map((s) => ({
      notificationId,
      subscriptionId: s.id,
      userId: s.userId,
      userRole: s.role,
    })),
  );
}

/** The target stored on a notification row. */
export function targetOf(row: {
  targetUserId: string | null;
  targetRole: Role | null;
  targetUserIds: string[] | null;
}): PushTarget {
  if (row.targetUserId) return { userId: row.targetUserId };
  if (row.targetRole) return { role: row.targetRole };
  return { userIds: row.targetUserIds ?? [] };
}
