import { bigserial, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Events written in the transaction that caused them (e.g. a new booking), and turned into their
 * effects (e.g. the staff's notices) after the commit, in a transaction of their own, by
 * src/server/outbox.ts: the cause's transaction pays one row, never the effects' statements, and
 * a crash between the two loses nothing (the row waits for the next flush or the sweep). A row
 * is deleted in the transaction that carried out its effects, so they happen once.
 */
export const outboxEvents = pgTable('outbox_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  topic: text('topic').notNull(),
  payload: jsonb('payload').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** failed tries so far (the effects were undone each time) */
  attempts: integer('attempts').notNull().default(0),
  /** not before then: a failed row waits before its next try */
  runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
  lastError: text('last_error'),
});
