import { bigserial, index, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { shops } from './shops';

export const SUPPORT_STATUSES = ['open', 'waiting_staff', 'closed'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

export const SUPPORT_AUTHORS = ['customer', 'assistant', 'staff'] as const;
export type SupportAuthor = (typeof SUPPORT_AUTHORS)[number];

/**
 * A conversation of a visitor or customer with the support assistant, and with staff once it
 * was handed over. It belongs to the signed-in customer who started it (`customer_user_id`) or,
 * for an anonymous visitor, to whoever holds the secret whose hash is `visitor_secret_hash`
 * (an httpOnly cookie). `shop_slug` is set on handover: that shop's staff see it.
 */
export const supportConversations = pgTable(
  'support_conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopSlug: text('shop_slug').references(() => shops.slug),
    customerUserId: text('customer_user_id').references(() => user.id, { onDelete: 'set null' }),
    /** where staff replies are e-mailed: the account's address, or one the visitor wrote */
    contactEmail: text('contact_email'),
    /** sha256 of the anonymous visitor's secret (null for a signed-in customer's conversation) */
    visitorSecretHash: text('visitor_secret_hash'),
    status: text('status').$type<SupportStatus>().notNull().default('open'),
    /** why it went to staff: complaint | requested | negative-sentiment | low-confidence */
    handoverReason: text('handover_reason'),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // the console's inbox: one shop's conversations by status, newest first
    index('support_conversations_shop_status_idx').on(t.shopSlug, t.status, t.lastMessageAt),
    index('support_conversations_status_idx').on(t.status, t.lastMessageAt),
    index('support_conversations_customer_idx').on(t.customerUserId),
    // every shop's inbox (admins), newest first
    index('support_conversations_last_message_idx').on(t.lastMessageAt),
  ],
);

/**
 * The transcript: append-only. The bigserial id orders it and is the live streams' event id
 * (the widget and the console resume from the last id they saw).
 */
export const supportMessages = pgTable(
  'support_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => supportConversations.id, { onDelete: 'cascade' }),
    author: text('author').$type<SupportAuthor>().notNull(),
    /** the staff member who wrote a staff message */
    staffUserId: text('staff_user_id').references(() => user.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    /** the assistant's reading of a customer message (and the intent it answered) */
    intent: text('intent'),
    entities: jsonb('entities').$type<Record<string, unknown>>(),
    sentimentScore: real('sentiment_score'),
    sentimentLabel: text('sentiment_label'),
    /** links offered with an assistant reply: [{ label, href }] */
    links: jsonb('links').$type<Array<{ label: string; href: string }>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('support_messages_conversation_idx').on(t.conversationId, t.id)],
);
