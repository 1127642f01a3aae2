/**
 * Staff close a conversation they are done with: it leaves the inbox's waiting list. The
 * customer can still write; that opens it again with the assistant.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { supportConversations } from '@/server/db/schema';
import { getEventBus } from '@/server/events';
import { logger } from '@/server/logger';
import { loadStaffConversation, type SupportStaff } from './staff-inbox';
import type { ConversationRow } from './load-conversation';
import { SUPPORT_INBOX_CHANNEL, conversationChannel } from './publish-messages';

export async function closeConversation(
  db: Db,
  staff: SupportStaff,
  conversationId: string,
  now = new Date(),
): Promise<ConversationRow> {
  const row = await db.transaction(async (tx) => {
    await loadStaffConversation(tx, staff, conversationId, true);
    const [updated] = await tx
      .update(supportConversations)
      .set({ status: 'closed', updatedAt: now })
      .where(eq(supportConversations.id, conversationId))
      .returning();
    return updated!;
  });
  // no message was added: the inbox and the widget re-read on this signal
  const bus = getEventBus();
  Promise.all([
    bus.publish(SUPPORT_INBOX_CHANNEL, { closed: row.id, shopSlug: row.shopSlug }),
    bus.publish(conversationChannel(row.id), { closed: row.id }),
  ]).catch((err: unknown) => logger.warn({ err }, 'support live publish failed'));
  return row;
}
