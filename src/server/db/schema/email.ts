import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** `cancelled`: withdrawn before it went out (an undone status change); never delivered */
export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** base64 (empty while `make` waits to be run at delivery) */
  content: string;
  /**
   * Made when the message is delivered, not when it is queued (e.g. a booking's `.ics`): the
   * maker registered under `kind` (email/server/deferred-render.ts) turns `input` into `content`.
   */
  make?: { kind: string; input: unknown };
}

/**
 * Every e-mail the app sends, rendered when queued. With no SMTP configured the message stays
 * here as the outbox (readable by admins); otherwise the queue worker delivers it and records
 * the outcome. Nothing is lost while SMTP is down: the row waits for the next retry.
 */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    template: text('template').notNull(),
    /**
     * The template's data while the message waits to be rendered at delivery (html and text are
     * empty until then, the subject is set): rendering stays out of the request that queued it.
     */
    templateData: jsonb('template_data'),
    attachments: jsonb('attachments').$type<EmailAttachment[]>().notNull().default([]),
    status: text('status').$type<EmailStatus>().notNull().default('queued'),
    transport: text('transport').$type<'outbox' | 'smtp'>(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    /** e.g. `reminder:<bookingId>:<slot>`: a message with the same key is only ever queued once */
    dedupeKey: text('dedupe_key'),
    bookingId: uuid('booking_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_messages_status_idx').on(t.status, t.createdAt),
    index('email_messages_created_idx').on(t.createdAt),
    // the outbox search's contains-search (ILIKE '%text%'): trigram indexes (pg_trgm)
    index('email_messages_to_trgm_idx').using('gin', t.toAddress.op('gin_trgm_ops')),
    index('email_messages_subject_trgm_idx').using('gin', t.subject.op('gin_trgm_ops')),
    uniqueIndex('email_messages_dedupe_uq').on(t.dedupeKey),
  ],
);

/** The one SMTP configuration (row id 1). The password is AES-256-GCM encrypted. */
export const smtpSettings = pgTable('smtp_settings', {
  id: integer('id').primaryKey().default(1),
  preset: text('preset').notNull(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  security: text('security').$type<'tls' | 'starttls' | 'none'>().notNull(),
  username: text('username'),
  passwordEncrypted: text('password_encrypted'),
  fromName: text('from_name').notNull(),
  fromAddress: text('from_address').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
