/**
 * Finding a conversation for its owner: the signed-in customer who started it, or the visitor
 * holding its secret. Anyone else gets the same 404 as for an id that does not exist.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { supportConversations } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { visitorSecretMatches } from './visitor';

export type ConversationRow = typeof supportConversations.$inferSelect;

/** Who writes to the assistant: a signed-in user and/or a visitor's secret (cookie). */
export interface SupportCaller {
  userId: string | null;
  /** the account's address: staff replies are e-mailed there */
  email: string | null;
  visitorSecret: string | null;
}

export function conversationNotFound(): DomainError {
  return new DomainError('NOT_FOUND', 'No conversation with that id.');
}

/** Whether `caller` owns `row`: the account that started it, else the visitor's secret. */
export function ownsConversation(row: ConversationRow, caller: SupportCaller): boolean {
  if (row.customerUserId) return row.customerUserId === caller.userId;
  return visitorSecretMatches(row.visitorSecretHash, caller.visitorSecret);
}

/** The caller's own conversation (locked for update when `forUpdate`), else NOT_FOUND. */
export async function loadOwnConversation(
  db: Db,
  id: string,
  caller: SupportCaller,
  forUpdate = false,
): Promise<ConversationRow> {
  const query = db.select().from(supportConversations).where(eq(supportConversations.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row || !ownsConversation(row, caller)) throw conversationNotFound();
  return row;
}
