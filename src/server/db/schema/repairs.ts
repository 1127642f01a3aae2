import { bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bookings } from './bookings';
import { shops } from './shops';

export const repairOrders = pgTable(
  'repair_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    bookingId: uuid('booking_id').references(() => bookings.id),
    shopSlug: text('shop_slug').references(() => shops.slug),
    status: text('status').notNull().default('booked'),
    statusEnteredAt: timestamp('status_entered_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('repair_orders_reference_uq').on(t.reference),
    uniqueIndex('repair_orders_booking_uq').on(t.bookingId),
    index('repair_orders_status_idx').on(t.status),
  ],
);

export const repairOrderLines = pgTable(
  'repair_order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    repairSlug: text('repair_slug').notNull(),
    description: text('description').notNull(),
    partsMinor: integer('parts_minor').notNull(),
    labourMinor: integer('labour_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull(),
  },
  (t) => [index('repair_order_lines_order_idx').on(t.orderId)],
);

/** The timeline: append-only events with actor and time. */
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
    actor: text('actor').notNull(),
    visibility: text('visibility').$type<'customer' | 'internal'>().notNull().default('customer'),
    message: text('message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('repair_order_events_order_idx').on(t.orderId, t.id)],
);
