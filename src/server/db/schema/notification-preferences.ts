import { boolean, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { repairOrders } from './repairs';

/**
 * Per person, per kind of notice (quote_ready, new_booking, ...) and per channel (email, push,
 * in_app): whether they want it. Only choices made are stored; a missing row means "on" (the
 * default for every kind and channel). Security and account e-mails never look here.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** email | push | in_app */
    channel: text('channel').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.channel] })],
);

/**
 * Orders whose staff were told they went overdue, once per status entry (the order and when it
 * entered the status): the schedule claims a row before it notifies, so two workers never tell
 * the same people twice, and the next status entry can go overdue again.
 */
export const orderOverdueNotices = pgTable(
  'order_overdue_notices',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    statusEnteredAt: timestamp('status_entered_at', { withTimezone: true }).notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.statusEnteredAt] })],
);

/**
 * Notices that must go out once whoever asks again (a receipt's "payment received" after a retry
 * or by a second worker): the dispatcher claims the key in the notice's transaction first.
 */
export const noticeOnce = pgTable('notice_once', {
  key: text('key').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
