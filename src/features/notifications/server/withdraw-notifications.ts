/**
 * Takes back unread in-app notices about something that has been undone (a status move its
 * author took back within seconds): the customer's bell no longer shows a move that did not
 * stand. Notices already read stay (the person has seen them); push messages that went out
 * cannot be recalled.
 */
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { notifications } from '@/server/db/schema';

export interface WithdrawNotices {
  orderId: string;
  type: string;
  /** the notice's data must hold these values (e.g. { to: 'received' }) */
  data: Record<string, string>;
  /** only notices created at or after this instant */
  since: Date;
}

export async function withdrawNotifications(tx: Db, input: WithdrawNotices): Promise<number> {
  const rows = await tx
    .delete(notifications)
    .where(
      and(
        eq(notifications.orderId, input.orderId),
        eq(notifications.type, input.type),
        isNull(notifications.readAt),
        gte(notifications.createdAt, input.since),
        sql`${notifications.data} @> ${JSON.stringify(input.data)}::jsonb`,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}
