import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { user } from './auth';
import { shops } from './shops';
import { repairOrders } from './repairs';

/**
 * Product events sent by the browser tracker (page views, booking funnel steps, install prompt,
 * push clicks, assistant handovers) through `POST /api/analytics/events`. No personal data:
 * an anonymous visit id (random, per visit or per browser as the tracking mode allows), the
 * account id when signed in, the path without its query, and a few short properties.
 * Rows older than the retention setting are deleted by a daily job.
 */
export const analyticsEvents = pgTable(
  'analytics_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    /** random id of the visit (cookie-free mode: of the page load); never derived from the person */
    visitId: text('visit_id').notNull(),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    /** pathname only: no query string, no fragment */
    path: text('path'),
    shopSlug: text('shop_slug'),
    props: jsonb('props').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    /** when it happened in the browser, clamped to the receiving time (never in the future) */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('analytics_events_name_time_idx').on(t.name, t.occurredAt),
    index('analytics_events_time_idx').on(t.occurredAt),
  ],
);

/** One user's own analytics dashboard: the widgets they added, in their order. */
export interface DashboardWidget {
  /** client-made id, unique within the dashboard */
  id: string;
  /** a metric id of features/analytics/metrics.ts */
  metric: string;
  /** how it is drawn: the metric's default chart, or its table */
  view: 'chart' | 'table';
  size: 'small' | 'wide';
}

export const analyticsDashboards = pgTable('analytics_dashboards', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  widgets: jsonb('widgets').$type<DashboardWidget[]>().notNull().default([]),
  /** +1 on every save: a save based on an older version is refused (two tabs) */
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The customer's rating of a collected repair (1-5 and an optional comment), given once
 * through the signed link in the e-mail sent after collection. Shown to the shop.
 */
export const repairRatings = pgTable(
  'repair_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    shopSlug: text('shop_slug').references(() => shops.slug),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('repair_ratings_order_uq').on(t.orderId),
    index('repair_ratings_shop_time_idx').on(t.shopSlug, t.createdAt),
    check('repair_ratings_score_range', sql`${t.score} BETWEEN 1 AND 5`),
  ],
);

/**
 * Analytics rollup of the booking funnel (docs/analytics-operations.md): the first `funnel_step`
 * event of each (visit, step), with that event's shop and time. The funnel counts the rows whose
 * first time is in the range, instead of deduplicating a year of tracker events per call. Kept by
 * triggers on analytics_events (migration 0019: an insert keeps the earliest; a delete, such as
 * the retention job's, recomputes the pairs it touched from the events left), never written by
 * the application.
 */
export const analyticsFunnelVisits = pgTable(
  'analytics_funnel_visits',
  {
    visitId: text('visit_id').notNull(),
    step: text('step').notNull(),
    shopSlug: text('shop_slug'),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.visitId, t.step] }),
    index('analytics_funnel_visits_first_idx').on(t.firstAt),
  ],
);
