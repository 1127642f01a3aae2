/** Reading a conversation's transcript, as the widget (customer) and the console (staff) show it. */
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { supportMessages, user } from '@/server/db/schema';
import type { StaffMessageView, SupportMessageView } from '../schemas';

export type MessageRow = typeof supportMessages.$inferSelect;
export interface MessageWithStaff {
  message: MessageRow;
  staffName: string | null;
}

/** How many of the latest messages a transcript shows (and the assistant reads as history). */
export const TRANSCRIPT_LIMIT = 100;

/** A staff member is shown by first name only to customers. */
function firstName(name: string | null): string | null {
  return name?.trim().split(/\s+/)[0] || null;
}

export function toMessageView({ message, staffName }: MessageWithStaff): SupportMessageView {
  return {
    id: message.id,
    author: message.author,
    body: message.body,
    links: message.links ?? [],
    staffName: message.author === 'staff' ? firstName(staffName) : null,
    at: message.createdAt.toISOString(),
  };
}

export function toStaffMessageView(row: MessageWithStaff): StaffMessageView {
  const { message } = row;
  const label = message.sentimentLabel;
  return {
    ...toMessageView(row),
    staffName: row.staffName,
    intent: message.intent,
    sentiment:
      message.sentimentScore !== null && (label === 'negative' || label === 'neutral' || label === 'positive')
        ? { score: message.sentimentScore, label }
        : null,
  };
}

const selection = { message: supportMessages, staffName: user.name };

/** The latest `limit` messages of a conversation, oldest first. */
export async function readTranscript(
  db: Db,
  conversationId: string,
  limit = TRANSCRIPT_LIMIT,
): Promise<MessageWithStaff[]> {
  const rows = await db
    .select(selection)
    .from(supportMessages)
    .leftJoin(user, eq(user.id, supportMessages.staffUserId))
    .where(eq(supportMessages.conversationId, conversationId))
    .orderBy(desc(supportMessages.id))
    .limit(limit);
  return rows.reverse();
}

/** These messages (by id), oldest first. */
export function readMessagesByIds(db: Db, ids: number[]): Promise<MessageWithStaff[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select(selection)
    .from(supportMessages)
    .leftJoin(user, eq(user.id, supportMessages.staffUserId))
    .where(inArray(supportMessages.id, ids))
    .orderBy(asc(supportMessages.id));
}
