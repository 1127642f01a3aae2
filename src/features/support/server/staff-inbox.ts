/**
 * The console's support inbox: conversations handed over to a shop, for that shop's staff
 * (staff tied to no shop, and admins: every shop's). A conversation the caller may not read is
 * "not found", as one that does not exist.
 */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { supportConversations, supportMessages, user } from '@/server/db/schema';
import { subject, type AppAbility } from '@/features/access';
import type { StaffConversationSummary, StaffConversationView } from '../schemas';
import { conversationNotFound, type ConversationRow } from './load-conversation';
import { readTranscript, toStaffMessageView } from './transcript';

export type InboxFilter = 'waiting_staff' | 'open' | 'closed' | 'all';

/** The staff member as the inbox sees them: what they may do, and the shop they work at. */
export interface SupportStaff {
  id: string;
  name: string;
  ability: AppAbility;
  /** their shop; null when they are tied to no shop (they see every shop's) */
  shopSlug: string | null;
  role: string;
}

/** The shop whose conversations `staff` sees; undefined: every shop's. */
export function inboxShop(staff: SupportStaff): string | undefined {
  return staff.role === 'admin' || !staff.shopSlug ? undefined : staff.shopSlug;
}

export function canReadConversation(staff: SupportStaff, row: ConversationRow): boolean {
  return (
    !!row.shopSlug && staff.ability.can('read', subject('SupportConversation', { shopSlug: row.shopSlug }))
  );
}

const PREVIEW = 140;
export const INBOX_LIMIT = 100;

function summary(
  row: ConversationRow,
  customerName: string | null,
  preview: string | null,
): StaffConversationSummary {
  const text = (preview ?? '').replace(/\s+/g, ' ').trim();
  return {
    id: row.id,
    shopSlug: row.shopSlug,
    status: row.status,
    handoverReason: row.handoverReason,
    contactEmail: row.contactEmail,
    customerName,
    preview: text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text,
    lastMessageAt: row.lastMessageAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The inbox: handed-over conversations in the caller's reach, latest activity first. */
export async function listStaffConversations(
  db: Db,
  staff: SupportStaff,
  filter: InboxFilter = 'waiting_staff',
): Promise<StaffConversationSummary[]> {
  const shop = inboxShop(staff);
  const rows = await db
    .select({ conversation: supportConversations, customerName: user.name })
    .from(supportConversations)
    .leftJoin(user, eq(user.id, supportConversations.customerUserId))
    .where(
      and(
        isNotNull(supportConversations.shopSlug),
        shop ? eq(supportConversations.shopSlug, shop) : undefined,
        filter === 'all' ? undefined : eq(supportConversations.status, filter),
      ),
    )
    .orderBy(desc(supportConversations.lastMessageAt))
    .limit(INBOX_LIMIT);
  const visible = rows.filter((r) => canReadConversation(staff, r.conversation));
  // each conversation's latest customer message, as its preview
  const ids = visible.map((r) => r.conversation.id);
  const latest = ids.length
    ? await db
        .selectDistinctOn([supportMessages.conversationId], {
          conversationId: supportMessages.conversationId,
          body: supportMessages.body,
        })
        .from(supportMessages)
        .where(and(inArray(supportMessages.conversationId, ids), eq(supportMessages.author, 'customer')))
        // the newest per conversation, read backwards along support_messages_conversation_idx
        .orderBy(supportMessages.conversationId, desc(supportMessages.id))
    : [];
  const previews = new Map(latest.map((m) => [m.conversationId, m.body]));
  return visible.map((r) => summary(r.conversation, r.customerName, previews.get(r.conversation.id) ?? null));
}

/** One conversation in the caller's reach (locked when `forUpdate`), else NOT_FOUND. */
export async function loadStaffConversation(
  db: Db,
  staff: SupportStaff,
  id: string,
  forUpdate = false,
): Promise<ConversationRow> {
  const query = db.select().from(supportConversations).where(eq(supportConversations.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row || !canReadConversation(staff, row)) throw conversationNotFound();
  return row;
}

/** One conversation with its transcript, for the console. */
export async function getStaffConversation(
  db: Db,
  staff: SupportStaff,
  id: string,
): Promise<StaffConversationView> {
  const row = await loadStaffConversation(db, staff, id);
  const [customer] = row.customerUserId
    ? await db.select({ name: user.name }).from(user).where(eq(user.id, row.customerUserId))
    : [];
  const transcript = await readTranscript(db, row.id);
  const lastCustomer = [...transcript].reverse().find((m) => m.message.author === 'customer');
  return {
    ...summary(row, customer?.name ?? null, lastCustomer?.message.body ?? null),
    messages: transcript.map(toStaffMessageView),
  };
}
