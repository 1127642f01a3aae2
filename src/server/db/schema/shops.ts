import {
  check,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export type OpeningHoursJson = Partial<
  Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<{ open: string; close: string }>>
>;
export interface UrgencyJson {
  express: { surchargeBp: number; minimumMinor: number };
  same_day: { surchargeBp: number; minimumMinor: number };
}

export const shops = pgTable('shops', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  addressLine1: text('address_line1').notNull(),
  addressLine2: text('address_line2'),
  city: text('city').notNull(),
  postcode: text('postcode').notNull(),
  country: text('country').notNull().default('GB'),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  timeZone: text('time_zone').notNull(),
  openingHours: jsonb('opening_hours').$type<OpeningHoursJson>().notNull(),
  closedDates: jsonb('closed_dates').$type<string[]>().notNull().default([]),
  slotMinutes: integer('slot_minutes').notNull().default(30),
  capacityPerSlot: integer('capacity_per_slot').notNull().default(2),
  minNoticeMinutes: integer('min_notice_minutes').notNull().default(120),
  horizonDays: integer('horizon_days').notNull().default(21),
  urgency: jsonb('urgency').$type<UrgencyJson>().notNull(),
  /** kept from what was paid when a customer cancels a booking (minor units; 0: free cancellation) */
  cancellationFeeMinor: integer('cancellation_fee_minor').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per drop-off slot that has (or had) a booking. `booked` is changed only by a
 * conditional UPDATE (`booked < capacity`), and the CHECK makes overbooking impossible even
 * if a code path forgot the condition.
 */
export const slotReservations = pgTable(
  'slot_reservations',
  {
    shopSlug: text('shop_slug')
      .notNull()
      .references(() => shops.slug),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.shopSlug, t.startsAt] }),
    check('slot_reservations_booked_range', sql`${t.booked} >= 0 AND ${t.booked} <= ${t.capacity}`),
  ],
);
