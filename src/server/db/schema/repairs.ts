import {
  bigint,
  bigserial,
  doublePrecision,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { bookings } from './bookings';
import { shops } from './shops';
import { user } from './auth';

/** What the shop may do about the device's passcode, recorded at intake. */
export const PASSCODE_POLICIES = ['none', 'provided', 'customer_unlocks', 'wipe_authorised'] as const;
export type PasscodePolicy = (typeof PASSCODE_POLICIES)[number];

/**
 * A repair order. Every order has a booking (a walk-in is a booking with service type
 * `walk_in`, made at the counter), which holds the customer, device, quote and tracking token.
 */
export const repairOrders = pgTable(
  'repair_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    bookingId: uuid('booking_id').references(() => bookings.id),
    shopSlug: text('shop_slug').references(() => shops.slug),
    status: text('status').notNull().default('booked'),
    statusEnteredAt: timestamp('status_entered_at', { withTimezone: true }).notNull().defaultNow(),
    /** the technician doing the work; only they (and managers) may change the order */
    assignedTechnicianId: text('assigned_technician_id').references(() => user.id, { onDelete: 'set null' }),
    imeiSerial: text('imei_serial'),
    /** intake: what the device looked like and what came with it */
    conditionNotes: text('condition_notes'),
    accessories: jsonb('accessories').$type<string[]>().notNull().default([]),
    passcodePolicy: text('passcode_policy').$type<PasscodePolicy>(),
    /** AES-256-GCM (see server/secrets.ts); only when the policy is `provided` */
    passcodeEncrypted: text('passcode_encrypted'),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    receivedBy: text('received_by').references(() => user.id, { onDelete: 'set null' }),
    collectedAt: timestamp('collected_at', { withTimezone: true }),
    /**
     * The order's FIRST move to "ready for collection" (analytics: turnaround, technicians).
     * Derived from the timeline by the trigger `repair_order_events_rollups` (migration 0018),
     * never written by the application; it does not move `version`.
     */
    readyAt: timestamp('ready_at', { withTimezone: true }),
    warrantyEndsAt: timestamp('warranty_ends_at', { withTimezone: true }),
    /** the price the customer agreed to: the booking quote, then each approved revised quote */
    agreedTotalMinor: integer('agreed_total_minor'),
    /** kept under the shop's cancellation policy when its customer cancelled (minor units) */
    cancellationFeeMinor: integer('cancellation_fee_minor').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * +1 on every write to the row, by the trigger `repair_orders_bump_version` (migration
     * 0010), in the writer's own transaction: a change based on an older version is refused.
     */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('repair_orders_reference_uq').on(t.reference),
    uniqueIndex('repair_orders_booking_uq').on(t.bookingId),
    index('repair_orders_status_idx').on(t.status),
    index('repair_orders_technician_idx').on(t.assignedTechnicianId),
    index('repair_orders_imei_idx').on(t.imeiSerial),
    // analytics (docs/benchmarks-analytics.md): the ranges of collected and received orders
    index('repair_orders_collected_idx').on(t.collectedAt),
    index('repair_orders_received_idx').on(t.receivedAt),
    // the console's queue: newest first, or waiting longest first (tests/integration/query-plans)
    index('repair_orders_created_idx').on(t.createdAt, t.id),
    index('repair_orders_status_entered_idx').on(t.statusEnteredAt, t.id),
    // the console search's contains-search (ILIKE '%text%') on the reference and IMEI/serial: one
    // trigram (pg_trgm) index for both columns, so an order's writes update one index, not two
    index('repair_orders_search_trgm_idx').using(
      'gin',
      t.reference.op('gin_trgm_ops'),
      t.imeiSerial.op('gin_trgm_ops'),
    ),
  ],
);

export const LINE_KINDS = ['repair', 'part', 'labour'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/**
 * Work on an order: the booked repairs (`repair`), and parts and labour the technician adds.
 * Amounts are VAT-inclusive minor units of the booking's currency.
 */
export const repairOrderLines = pgTable(
  'repair_order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<LineKind>().notNull().default('repair'),
    repairSlug: text('repair_slug'),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull().default(1),
    unitMinor: integer('unit_minor').notNull().default(0),
    partsMinor: integer('parts_minor').notNull().default(0),
    labourMinor: integer('labour_minor').notNull().default(0),
    discountMinor: integer('discount_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('repair_order_lines_order_idx').on(t.orderId)],
);

/**
 * The timeline: append-only events with actor and time. The bigserial id orders them and is
 * the live stream's event id (clients resume from the last id they saw).
 * Types: created, status_changed, note, message, assigned, intake, line_added, line_removed,
 * quote_sent, quote_approved, quote_declined, photo_added.
 */
export const repairOrderEvents = pgTable(
  'repair_order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /** display name of who did it: a staff member's name, 'customer' or 'system' */
    actor: text('actor').notNull(),
    actorUserId: text('actor_user_id').references(() => user.id, { onDelete: 'set null' }),
    /** customer | staff | system */
    actorRole: text('actor_role').notNull().default('system'),
    visibility: text('visibility').$type<'customer' | 'internal'>().notNull().default('customer'),
    message: text('message'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    /** a note or message sent with an Idempotency-Key: a replay finds this row instead of adding one */
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('repair_order_events_order_idx').on(t.orderId, t.id),
    // NULL keys are distinct: only keyed events are unique
    uniqueIndex('repair_order_events_idempotency_uq').on(t.orderId, t.idempotencyKey),
    index('repair_order_events_type_idx').on(t.type),
    // analytics: each order's status moves in order (stage times, first ready) and those of a range
    index('repair_order_events_status_order_idx')
      .on(t.orderId, t.createdAt, t.id)
      .where(sql`type = 'status_changed'`),
    index('repair_order_events_status_time_idx')
      .on(t.createdAt)
      .where(sql`type = 'status_changed'`),
    // analytics: each order's first move to ready (turnaround, technicians): a small index
    index('repair_order_events_ready_idx')
      .on(t.orderId, t.createdAt)
      .where(sql`type = 'status_changed' AND to_status = 'ready_for_collection'`),
  ],
);

/**
 * Analytics rollup (docs/analytics-operations.md, stage times): one row per ended stay in a
 * status, keyed by the `status_changed` event that ended it. Derived from repair_order_events by
 * the trigger `repair_order_events_rollups` (migration 0018), which recomputes an order's stays
 * whenever its status changes are inserted, updated or deleted, so it cannot drift from the
 * timeline. Never written by the application.
 */
export const repairOrderStays = pgTable(
  'repair_order_stays',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .primaryKey()
      .references(() => repairOrderEvents.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    shopSlug: text('shop_slug'),
    status: text('status').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }).notNull(),
    hours: doublePrecision('hours').notNull(),
  },
  (t) => [
    index('repair_order_stays_left_idx').on(t.leftAt),
    index('repair_order_stays_order_idx').on(t.orderId),
  ],
);

export interface QuoteLineSnapshot {
  kind: LineKind;
  description: string;
  quantity: number;
  unitMinor: number;
  totalMinor: number;
}

/** `expired`: approved too late; the customer approved the same lines again at the fresh price (a new version) */
export const QUOTE_STATUSES = ['pending', 'approved', 'declined', 'withdrawn', 'expired'] as const;
export type RevisedQuoteStatus = (typeof QUOTE_STATUSES)[number];

/** A revised quote sent to the customer for approval. At most one is pending per order. */
export const repairQuotes = pgTable(
  'repair_quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').$type<RevisedQuoteStatus>().notNull().default('pending'),
    lines: jsonb('lines').$type<QuoteLineSnapshot[]>().notNull(),
    totalMinor: integer('total_minor').notNull(),
    vatMinor: integer('vat_minor').notNull(),
    currency: text('currency').notNull(),
    /** why the price changed, shown to the customer */
    message: text('message').notNull(),
    sentBy: text('sent_by').references(() => user.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text('decided_by').references(() => user.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    uniqueIndex('repair_quotes_version_uq').on(t.orderId, t.version),
    uniqueIndex('repair_quotes_one_pending_uq')
      .on(t.orderId)
      .where(sql`status = 'pending'`),
  ],
);

export const PHOTO_KINDS = ['intake', 'before', 'after', 'other'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** Photos of a device; the image files live in the upload store (see server/storage). */
export const repairOrderPhotos = pgTable(
  'repair_order_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<PhotoKind>().notNull(),
    visibility: text('visibility').$type<'customer' | 'internal'>().notNull().default('customer'),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    caption: text('caption'),
    uploadedBy: text('uploaded_by').references(() => user.id, { onDelete: 'set null' }),
    /** the client's Idempotency-Key: a retried upload of the same photo answers with this row */
    idempotencyKey: text('idempotency_key'),
    /** 'staff' (the order page, intake) or 'booking' (the customer, through the manage link) */
    uploadedVia: text('uploaded_via').$type<'staff' | 'booking'>().notNull().default('staff'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('repair_order_photos_order_idx').on(t.orderId, t.createdAt),
    uniqueIndex('repair_order_photos_idempotency_idx').on(t.orderId, t.idempotencyKey),
  ],
);

/** In-app notifications; the bigserial id is the live stream's event id. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** e.g. status_changed, message, quote_sent, quote_decided, assigned */
    type: text('type').notNull(),
    orderId: uuid('order_id').references(() => repairOrders.id, { onDelete: 'cascade' }),
    reference: text('reference'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    emailed: boolean('emailed').notNull().default(false),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.id)],
);
