import {
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
import { bookings } from './bookings';
import { repairOrders } from './repairs';
import { user } from './auth';

/** Who takes the money: Stripe, PayPal, the built-in sandbox card provider, or the shop's till. */
export const PAYMENT_PROVIDERS = ['stripe', 'paypal', 'sandbox', 'collection'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

export const PAYMENT_STATUSES = [
  'pending',
  'requires_action',
  'succeeded',
  'failed',
  'refunded',
  'partially_refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** booking: paid while booking; balance: paid later (a revised quote, the rest of the bill). */
export type PaymentPurpose = 'booking' | 'balance';

/**
 * One attempt to take money for a repair order. Its status only moves forward (see
 * features/payments/state.ts), whatever order the provider's webhooks arrive in; the refunded
 * amount only grows and can never pass the captured amount (CHECK).
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    bookingId: uuid('booking_id').references(() => bookings.id),
    provider: text('provider').$type<PaymentProvider>().notNull(),
    purpose: text('purpose').$type<PaymentPurpose>().notNull().default('booking'),
    status: text('status').$type<PaymentStatus>().notNull().default('pending'),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /** what the provider charged the shop, when known (never added to the customer's bill) */
    feeMinor: integer('fee_minor').notNull().default(0),
    refundedMinor: integer('refunded_minor').notNull().default(0),
    /** Stripe PaymentIntent id, PayPal order id, sandbox id; null for in-shop payments */
    providerPaymentId: text('provider_payment_id'),
    /** PayPal capture id (refunds are made against it) */
    providerCaptureId: text('provider_capture_id'),
    /** Stripe's client secret for the Payment Element; PayPal's approval link */
    clientSecret: text('client_secret'),
    approveUrl: text('approve_url'),
    /** the card's last four digits and brand, or the PayPal payer, for receipts */
    methodDetail: text('method_detail'),
    idempotencyKey: text('idempotency_key'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    /** the public base URL the customer paid from (links in the receipt e-mail) */
    baseUrl: text('base_url'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    succeededAt: timestamp('succeeded_at', { withTimezone: true }),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId, t.createdAt),
    uniqueIndex('payments_provider_id_uq').on(t.provider, t.providerPaymentId),
    uniqueIndex('payments_idempotency_uq').on(t.idempotencyKey),
    index('payments_status_idx').on(t.status),
    // analytics: money taken in a range
    index('payments_succeeded_idx').on(t.succeededAt),
    check('payments_amount_positive', sql`${t.amountMinor} > 0`),
    check('payments_refund_range', sql`${t.refundedMinor} >= 0 AND ${t.refundedMinor} <= ${t.amountMinor}`),
  ],
);

/** A refund of (part of) a payment, made by staff with a reason. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    amountMinor: integer('amount_minor').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<'pending' | 'succeeded' | 'failed'>().notNull().default('pending'),
    providerRefundId: text('provider_refund_id'),
    idempotencyKey: text('idempotency_key'),
    failureMessage: text('failure_message'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_refunds_payment_idx').on(t.paymentId),
    // analytics: refunds in a range
    index('payment_refunds_created_idx').on(t.createdAt),
    uniqueIndex('payment_refunds_idempotency_uq').on(t.idempotencyKey),
    uniqueIndex('payment_refunds_provider_uq').on(t.providerRefundId),
    check('payment_refunds_amount_positive', sql`${t.amountMinor} > 0`),
  ],
);

/**
 * Webhook events already applied, by the provider's event id: a redelivered event is
 * recognised here and changes nothing (inserted in the same transaction as its effect).
 */
export const paymentWebhookEvents = pgTable(
  'payment_webhook_events',
  {
    provider: text('provider').$type<PaymentProvider>().notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    paymentId: uuid('payment_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

/** The last invoice number of each series (a shop, or `WEB` for mail-in): gapless by row lock. */
export const invoiceCounters = pgTable('invoice_counters', {
  series: text('series').primaryKey(),
  lastNumber: integer('last_number').notNull().default(0),
});

export interface InvoiceSnapshot {
  shop: {
    name: string;
    address: string[];
    phone: string | null;
    email: string | null;
    vatNumber: string | null;
  };
  customer: { name: string; email: string | null };
  reference: string;
  device: string;
  lines: Array<{ description: string; quantity: number; unitMinor: number; totalMinor: number }>;
  /** the order's total (VAT inclusive) */
  totalMinor: number;
  vatRateBp: number;
  netMinor: number;
  vatMinor: number;
  /** this payment */
  paidMinor: number;
  /** paid by earlier payments (net of refunds) */
  previouslyPaidMinor: number;
  /** still to pay after this payment */
  balanceMinor: number;
  method: string;
}

/** A receipt for one successful payment: numbered per series without gaps or duplicates. */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    series: text('series').notNull(),
    sequence: integer('sequence').notNull(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    currency: text('currency').notNull(),
    snapshot: jsonb('snapshot').$type<InvoiceSnapshot>().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoices_number_uq').on(t.number),
    uniqueIndex('invoices_series_seq_uq').on(t.series, t.sequence),
    uniqueIndex('invoices_payment_uq').on(t.paymentId),
    index('invoices_order_idx').on(t.orderId),
  ],
);
