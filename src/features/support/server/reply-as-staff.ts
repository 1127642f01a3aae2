/**
 * A staff member answers a conversation handed over to their shop: the reply is kept in the
 * transcript, shows up in the customer's widget (live), and is e-mailed to the customer's
 * address when one is known (the e-mail commits with the reply). The conversation then waits
 * for the customer (`open`) until they write again.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { supportConversations, supportMessages } from '@/server/db/schema';
import { publicBaseUrl } from '@/server/http/base-url';
import { sendTemplate } from '@/features/email/server';
import { getShopRow } from '@/features/shops/server';
import { loadStaffConversation, type SupportStaff } from './staff-inbox';
import { publishSupportMessages } from './publish-messages';
import type { MessageRow } from './transcript';
import type { ConversationRow } from './load-conversation';

/** Where the customer continues the conversation: any page opens the chat with it. */
export function conversationUrl(id: string): string {
  return `${publicBaseUrl()}/?support=${encodeURIComponent(id)}`;
}

export async function replyAsStaff(
  db: Db,
  staff: SupportStaff,
  conversationId: string,
  body: string,
  now = new Date(),
): Promise<{ conversation: ConversationRow; message: MessageRow; emailed: boolean }> {
  const result = await db.transaction(async (tx) => {
    const row = await loadStaffConversation(tx, staff, conversationId, true);
    const [message] = await tx
      .insert(supportMessages)
      .values({ conversationId: row.id, author: 'staff', staffUserId: staff.id, body, createdAt: now })
      .returning();
    const [conversation] = await tx
      .update(supportConversations)
      .set({ status: 'open', lastMessageAt: now, updatedAt: now })
      .where(eq(supportConversations.id, row.id))
      .returning();
    let emailed = false;
    if (row.contactEmail) {
      const shop = row.shopSlug ? await getShopRow(tx, row.shopSlug) : null;
      const sent = await sendTemplate(tx, {
        to: row.contactEmail,
        template: 'support-reply',
        data: {
          staffName: staff.name.trim().split(/\s+/)[0] || staff.name,
          shopName: shop?.name ?? '',
          message: body,
          url: conversationUrl(row.id),
        },
        dedupeKey: `support-reply:${message!.id}`,
      });
      emailed = sent !== null;
    }
    return { conversation: conversation!, message: message!, emailed };
  });
  publishSupportMessages(result.conversation, [result.message]);
  return result;
}
