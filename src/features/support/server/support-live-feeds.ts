/**
 * The live feeds of support conversations (server-sent events, see live/server):
 * - the console's inbox: every message of conversations handed over to the caller's shop(s);
 *   the console re-reads its list and open transcript on each;
 * - one conversation: its messages, for the customer's widget (and the console's transcript).
 * A conversation closed by staff is passed on as a signal (no message was added).
 */
import { and, asc, desc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import type { BusMessage } from '@/server/events';
import { supportConversations, supportMessages } from '@/server/db/schema';
import { rowOrResync, type Announcement, type LiveFeed, type LiveItem } from '@/features/live/server';
import { SUPPORT_INBOX_CHANNEL, conversationChannel } from './publish-messages';
import { readMessagesByIds, toMessageView, type MessageWithStaff } from './transcript';

function closedSignal(message: BusMessage): Announcement {
  return typeof message.closed === 'string'
    ? { kind: 'signal', data: { kind: 'support_closed', conversationId: message.closed } }
    : null;
}

/** The inbox: what changed, not the message itself (the console re-reads what it shows). */
export function supportInboxFeed(db: Db, shopSlug: string | undefined): LiveFeed {
  const scope = and(
    isNotNull(supportConversations.shopSlug),
    shopSlug ? eq(supportConversations.shopSlug, shopSlug) : undefined,
  );
  const item = (r: {
    id: number;
    conversationId: string;
    author: string;
    shopSlug: string | null;
  }): LiveItem => ({
    id: r.id,
    data: {
      kind: 'support_message',
      id: r.id,
      conversationId: r.conversationId,
      author: r.author,
      shopSlug: r.shopSlug,
    },
  });
  const columns = {
    id: supportMessages.id,
    conversationId: supportMessages.conversationId,
    author: supportMessages.author,
    shopSlug: supportConversations.shopSlug,
  };
  const base = () =>
    db
      .select(columns)
      .from(supportMessages)
      .innerJoin(supportConversations, eq(supportConversations.id, supportMessages.conversationId));
  return {
    channels: [SUPPORT_INBOX_CHANNEL],
    announced: (m) => {
      if (shopSlug && m.resync !== true && m.shopSlug !== shopSlug) return null;
      return closedSignal(m) ?? rowOrResync(m, 'messageId');
    },
    head: async () => {
      const [row] = await base().where(scope).orderBy(desc(supportMessages.id)).limit(1);
      return row?.id ?? 0;
    },
    after: async (afterId, limit) =>
      (
        await base()
          .where(and(scope, gt(supportMessages.id, afterId)))
          .orderBy(asc(supportMessages.id))
          .limit(limit)
      ).map(item),
    byIds: async (ids) =>
      ids.length
        ? (
            await base()
              .where(and(scope, inArray(supportMessages.id, ids)))
              .orderBy(asc(supportMessages.id))
          ).map(item)
        : [],
  };
}

/** One conversation's messages, as the customer sees them. */
export function conversationFeed(db: Db, conversationId: string): LiveFeed {
  const item = (row: MessageWithStaff): LiveItem => ({
    id: row.message.id,
    data: { kind: 'support_message', conversationId, message: toMessageView(row) },
  });
  const ofConversation = eq(supportMessages.conversationId, conversationId);
  return {
    channels: [conversationChannel(conversationId)],
    announced: (m) => closedSignal(m) ?? rowOrResync(m, 'messageId'),
    head: async () => {
      const [row] = await db
        .select({ id: supportMessages.id })
        .from(supportMessages)
        .where(ofConversation)
        .orderBy(desc(supportMessages.id))
        .limit(1);
      return row?.id ?? 0;
    },
    after: async (afterId, limit) => {
      const rows = await db
        .select({ id: supportMessages.id })
        .from(supportMessages)
        .where(and(ofConversation, gt(supportMessages.id, afterId)))
        .orderBy(asc(supportMessages.id))
        .limit(limit);
      return (
        await readMessagesByIds(
          db,
          rows.map((r) => r.id),
        )
      ).map(item);
    },
    byIds: async (ids) =>
      (await readMessagesByIds(db, ids)).filter((r) => r.message.conversationId === conversationId).map(item),
  };
}
