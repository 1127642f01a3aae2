import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';
import type { MessageList, MessageListQuery, MessageSummary } from '../schemas';
import { containsPattern } from '@/server/db/like';

export const OUTBOX_PAGE_SIZE = 25;

type Row = Pick<
  typeof emailMessages.$inferSelect,
  | 'id'
  | 'toAddress'
  | 'subject'
  | 'template'
  | 'status'
  | 'transport'
  | 'attempts'
  | 'lastError'
  | 'createdAt'
  | 'sentAt'
>;

export function toSummary(r: Row): MessageSummary {
  return {
    id: r.id,
    to: r.toAddress,
    subject: r.subject,
    template: r.template,
    status: r.status,
    transport: r.transport,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  };
}

/** The outbox: every message, newest first, filtered by status and recipient/subject. */
export async function listMessages(db: Db, query: Partial<MessageListQuery> = {}): Promise<MessageList> {
  const page = query.page ?? 1;
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(emailMessages.status, query.status));
  if (query.q) {
    const like = containsPattern(query.q);
    filters.push(or(ilike(emailMessages.toAddress, like), ilike(emailMessages.subject, like))!);
  }
  const where = filters.length ? and(...filters) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: emailMessages.id,
        toAddress: emailMessages.toAddress,
        subject: emailMessages.subject,
        template: emailMessages.template,
        status: emailMessages.status,
        transport: emailMessages.transport,
        attempts: emailMessages.attempts,
        lastError: emailMessages.lastError,
        createdAt: emailMessages.createdAt,
        sentAt: emailMessages.sentAt,
      })
      .from(emailMessages)
      .where(where)
      .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((page - 1) * OUTBOX_PAGE_SIZE),
    db.select({ n: count() }).from(emailMessages).where(where),
  ]);
  return { items: rows.map(toSummary), page, pageSize: OUTBOX_PAGE_SIZE, total: totals[0]?.n ?? 0 };
}
