import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user, type Role } from './auth';

export type PushNotificationStatus = 'queued' | 'scheduled' | 'sending' | 'sent' | 'cancelled';
export type PushDeliveryStatus = 'queued' | 'sent' | 'failed' | 'removed';
export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

export interface PushAction {
  action: string;
  title: string;
  url?: string;
}

/**
 * A browser's push subscription (the PushSubscription the page got from its push service). The
 * endpoint is unique: subscribing again from the same browser moves it to the caller. Removed
 * when the push service answers 404/410 (expired) or 403 (made for another VAPID key).
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    /** base64url: the browser's P-256 public key (65 bytes) */
    p256dh: text('p256dh').notNull(),
    /** base64url: the 16-byte auth secret */
    auth: text('auth').notNull(),
    expirationTime: timestamp('expiration_time', { withTimezone: true }),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** the last time a push service accepted a message for it */
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

/**
 * One push message: sent by staff (`kind` 'manual', to a user or a role, maybe scheduled) or by
 * an event of another domain (`kind` e.g. 'quote_ready'). Its deliveries say how it went.
 */
export const pushNotifications = pgTable(
  'push_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    targetUserId: text('target_user_id').references(() => user.id, { onDelete: 'set null' }),
    targetRole: text('target_role').$type<Role>(),
    /** the users of an event's notification (a list, not a role) */
    targetUserIds: jsonb('target_user_ids').$type<string[]>(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    icon: text('icon'),
    badge: text('badge'),
    url: text('url'),
    tag: text('tag'),
    actions: jsonb('actions').$type<PushAction[]>(),
    urgency: text('urgency').$type<PushUrgency>().notNull().default('normal'),
    /** seconds the push service keeps it for an offline browser */
    ttl: integer('ttl').notNull(),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    status: text('status').$type<PushNotificationStatus>().notNull(),
    /** the pg-boss job that sends it (a scheduled send's job is cancelled with it) */
    jobId: text('job_id'),
    /** subscriptions it was (or, scheduled, would now be) sent to */
    targeted: integer('targeted').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('push_notifications_status_idx').on(t.status, t.scheduledFor),
    index('push_notifications_created_idx').on(t.createdAt),
  ],
);

/** One notification to one subscription; the worker reports delivered/clicked through receipts. */
export const pushDeliveries = pgTable(
  'push_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => pushNotifications.id, { onDelete: 'cascade' }),
    /** null once the subscription was removed */
    subscriptionId: uuid('subscription_id').references(() => pushSubscriptions.id, { onDelete: 'set null' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** the recipient's role when it was sent (stats per role) */
    userRole: text('user_role').$type<Role>().notNull(),
    status: text('status').$type<PushDeliveryStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** the push service's status and a short reason; never the payload */
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    clickedAt: timestamp('clicked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('push_deliveries_notification_idx').on(t.notificationId, t.status),
    index('push_deliveries_subscription_idx').on(t.subscriptionId),
    index('push_deliveries_user_idx').on(t.userId),
  ],
);
