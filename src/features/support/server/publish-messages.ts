/**
 * After a commit: the live streams hear of new support messages. Channels:
 * - `support`                  a message in a conversation handed over to a shop (the console's inbox)
 *                              { messageId, conversationId, shopSlug }
 * - `support:<conversationId>` a message in this conversation (the widget, the console's transcript)
 *                              { messageId }
 */
import { getEventBus } from '@/server/events';
import { logger } from '@/server/logger';
import type { ConversationRow } from './load-conversation';
import type { MessageRow } from './transcript';

export const SUPPORT_INBOX_CHANNEL = 'support';
export const conversationChannel = (id: string) => `support:${id}`;

export function publishSupportMessages(conversation: ConversationRow, messages: MessageRow[]): void {
  const bus = getEventBus();
  for (const m of messages) {
    const sends = [bus.publish(conversationChannel(conversation.id), { messageId: m.id })];
    if (conversation.shopSlug) {
      sends.push(
        bus.publish(SUPPORT_INBOX_CHANNEL, {
          messageId: m.id,
          conversationId: conversation.id,
          shopSlug: conversation.shopSlug,
        }),
      );
    }
    // at most once: a lost message is replayed from the database when the stream resyncs
    Promise.all(sends).catch((err: unknown) => logger.warn({ err }, 'support live publish failed'));
  }
}
