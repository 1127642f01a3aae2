import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { deviceModels } from './catalog';
import { shops } from './shops';
import { user } from './auth';

/**
 * A phone number's digits alone ('' for none): how the console search compares phone numbers,
 * written once so the search's expression is the one `bookings_contact_trgm_idx` indexes.
 */
export function phoneDigits(phone: AnyPgColumn): SQL {
  return sql`(regexp_replace(coalesce(${phone}, ''), '[^0-9]', '', 'g'))`;
}

export interface QuoteSnapshot {
  currency: string;
  lines: Array<{
    repairSlug: string;
    repairName: string;
    partsMinor: number;
    labourMinor: number;
    grossMinor: number;
    discountMinor: number;
    totalMinor: number;
    warrantyDays: number;
    turnaroundHours: number;
  }>;
  subtotalMinor: number;
  discountMinor: number;
  urgency: string;
  urgencySurchargeMinor: number;
  totalMinor: number;
  vat: { rateBp: number; netMinor: number; vatMinor: number };
  warrantyDays: number;
  turnaroundHours: number;
  issuedAt: string;
  expiresAt: string;
}

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    /** sha256 of the secret tracking token; the token itself is only ever shown to the customer. */
    trackingTokenHash: text('tracking_token_hash').notNull(),
    serviceType: text('service_type').$type<'drop_off' | 'mail_in' | 'walk_in'>().notNull(),
    shopSlug: text('shop_slug').references(() => shops.slug),
    slotStartsAt: timestamp('slot_starts_at', { withTimezone: true }),
    slotEndsAt: timestamp('slot_ends_at', { withTimezone: true }),
    modelSlug: text('model_slug')
      .notNull()
      .references(() => deviceModels.slug),
    customerName: text('customer_name').notNull(),
    /** absent for a walk-in who gave only a phone number (staff track it by its reference) */
    customerEmail: text('customer_email'),
    customerPhone: text('customer_phone'),
    /** the account the booking belongs to: set at booking when signed in, or when the
     *  booking's e-mail address is verified by an account */
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    faultDescription: text('fault_description'),
    urgency: text('urgency').notNull(),
    paymentMethod: text('payment_method').notNull(),
    quote: jsonb('quote').$type<QuoteSnapshot>().notNull(),
    totalMinor: integer('total_minor').notNull(),
    currency: text('currency').notNull(),
    status: text('status').$type<'confirmed' | 'cancelled'>().notNull().default('confirmed'),
    /** Raised on every reschedule/cancel so calendar clients update the same entry. */
    icsSequence: integer('ics_sequence').notNull().default(0),
    locale: text('locale').notNull().default('en-GB'),
    /** while an online payment is pending, the slot is held until then; null once paid or
     *  switched to pay on collection. A job cancels the booking if it is still unpaid then. */
    paymentHoldUntil: timestamp('payment_hold_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bookings_reference_uq').on(t.reference),
    index('bookings_email_idx').on(t.customerEmail),
    index('bookings_user_idx').on(t.userId),
    index('bookings_slot_idx').on(t.shopSlug, t.slotStartsAt),
    // analytics: bookings made in a range (forecast, customers)
    index('bookings_created_idx').on(t.createdAt),
    // the hold-expiry job looks for held bookings every minute: only those are indexed
    index('bookings_payment_hold_idx')
      .on(t.paymentHoldUntil)
      .where(sql`payment_hold_until IS NOT NULL`),
    // the console search (src/features/console/server/list-staff-orders.ts): its contact
    // contains-searches (ILIKE '%text%'; a phone number also on its digits alone, the expression
    // `phoneDigits` below) in one trigram (pg_trgm) index, and the bookings of matching models
    index('bookings_contact_trgm_idx').using(
      'gin',
      t.customerName.op('gin_trgm_ops'),
      t.customerEmail.op('gin_trgm_ops'),
      t.customerPhone.op('gin_trgm_ops'),
      sql`${phoneDigits(t.customerPhone)} gin_trgm_ops`,
    ),
    index('bookings_model_idx').on(t.modelSlug),
  ],
);

/**
 * Idempotency keys for unsafe requests. The unique primary key serialises concurrent
 * retries: the second insert waits for the first transaction, then conflicts and replays.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  scope: text('scope').notNull(),
  requestHash: text('request_hash').notNull(),
  resourceId: uuid('resource_id'),
  /** The response first given, replayed to retries with the same key. */
  response: jsonb('response'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
