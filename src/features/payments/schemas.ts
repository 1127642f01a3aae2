import { z } from '@hono/zod-openapi';
import { PAYMENT_PROVIDERS, PAYMENT_STATUSES } from '@/server/db/schema';

/** How a customer chooses to pay (the card method is Stripe or the sandbox, whichever is set up). */
export const PAYMENT_METHODS = ['card', 'paypal', 'collection'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PaymentMethodSchema = z.enum(PAYMENT_METHODS, 'Choose how you will pay.');
/**
 * What a booking may name: the methods, plus `stripe` as another name for `card` (the booking
 * page's test id is `payment-stripe`, whether Stripe or the sandbox takes the card).
 */
export const BookingPaymentMethodSchema = z
  .enum([...PAYMENT_METHODS, 'stripe'], 'Choose how you will pay: card, paypal or collection.')
  .transform((m): PaymentMethod => (m === 'stripe' ? 'card' : m))
  .openapi({
    description: '`card` (Stripe or the sandbox), `paypal` or `collection`; `stripe` means `card`',
  });
export const OnlineMethodSchema = z.enum(['card', 'paypal'], 'Choose card or PayPal.');

export const PaymentMethodInfoSchema = z
  .object({
    id: PaymentMethodSchema,
    provider: z.enum(PAYMENT_PROVIDERS),
    /** a surcharge added to the customer's bill (always 0: UK law bans card surcharges for consumers) */
    feeMinor: z.number().int(),
    /** how long until the payment is confirmed */
    processing: z.enum(['instant', 'redirect', 'at_collection']),
    testMode: z.boolean(),
  })
  .openapi('PaymentMethodInfo');

export const PaymentMethodsSchema = z
  .object({
    methods: z.array(PaymentMethodInfoSchema),
    /** Stripe's publishable key when Stripe takes card payments (for the Payment Element) */
    stripePublishableKey: z.string().nullable(),
    /** minutes a drop-off slot is held while an online payment is pending */
    holdMinutes: z.number().int(),
  })
  .openapi('PaymentMethods');

export const RefundViewSchema = z.object({
  id: z.string(),
  amountMinor: z.number().int(),
  reason: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const PaymentViewSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    reference: z.string(),
    provider: z.enum(PAYMENT_PROVIDERS),
    method: PaymentMethodSchema,
    purpose: z.enum(['booking', 'balance']),
    status: z.enum(PAYMENT_STATUSES),
    amountMinor: z.number().int(),
    refundedMinor: z.number().int(),
    currency: z.string(),
    /** e.g. "Visa •••• 4242" */
    methodDetail: z.string().nullable(),
    failureMessage: z.string().nullable(),
    /** Stripe: the Payment Element's client secret (only to whoever may pay) */
    clientSecret: z.string().nullable(),
    /** PayPal: where the customer approves the payment */
    approveUrl: z.string().nullable(),
    invoice: z.object({ id: z.string(), number: z.string() }).nullable(),
    testMode: z.boolean(),
    createdAt: z.string(),
    succeededAt: z.string().nullable(),
  })
  .openapi('Payment');

export const StaffPaymentViewSchema = PaymentViewSchema.extend({
  refunds: z.array(RefundViewSchema),
  createdBy: z.string().nullable(),
}).openapi('StaffPayment');

export const BalanceSchema = z
  .object({
    currency: z.string(),
    /** the order's agreed total (VAT inclusive) */
    totalMinor: z.number().int(),
    vatRateBp: z.number().int(),
    netMinor: z.number().int(),
    vatMinor: z.number().int(),
    /** everything captured, before refunds */
    capturedMinor: z.number().int(),
    /** captured minus refunded (what the shop keeps) */
    paidMinor: z.number().int(),
    /** given back by refunds */
    refundedMinor: z.number().int(),
    /** still to pay: the total less everything captured (a refund is never asked for again) */
    dueMinor: z.number().int(),
    /**
     * still owed back to the customer: on a cancelled order what was kept beyond the shop's
     * cancellation fee; otherwise what was kept beyond the total (a price that went down)
     */
    owedMinor: z.number().int(),
    /** the order was cancelled: nothing more is asked for */
    cancelled: z.boolean(),
  })
  .openapi('Balance');

/** A refund as its customer sees it: how much, why (the staff member's words) and whether done. */
export const CustomerRefundViewSchema = z
  .object({
    id: z.string(),
    paymentId: z.string(),
    amountMinor: z.number().int(),
    reason: z.string(),
    status: z.enum(['pending', 'succeeded']),
    createdAt: z.string(),
  })
  .openapi('CustomerRefund');

export const OrderPaymentsSchema = z
  .object({
    reference: z.string(),
    balance: BalanceSchema,
    payments: z.array(PaymentViewSchema),
    /** refunds made or under way, oldest first (failed attempts are staff's business) */
    refunds: z.array(CustomerRefundViewSchema),
  })
  .openapi('OrderPayments');

export const StaffOrderPaymentsSchema = z
  .object({
    reference: z.string(),
    balance: BalanceSchema,
    payments: z.array(StaffPaymentViewSchema),
    canRefund: z.boolean(),
    canRecord: z.boolean(),
  })
  .openapi('StaffOrderPayments');

const Token = z
  .string()
  .max(300, 'At most 300 characters.')
  .optional()
  .openapi({ description: "The order's tracking token (guests); not needed when signed in as its owner" });

export const CardConfirmSchema = z
  .object({
    token: Token,
    cardNumber: z.string().trim().min(1, 'Enter the card number.').max(30, 'At most 30 characters.'),
    expiry: z.string().trim().max(9, 'Use MM/YY.').optional(),
    cvc: z.string().trim().max(4, 'The security code is 3 or 4 digits.').optional(),
    name: z.string().trim().max(100, 'At most 100 characters.').optional(),
  })
  .openapi('CardConfirm');

export const AuthenticateSchema = z
  .object({ token: Token, approve: z.boolean() })
  .openapi('SandboxAuthenticate');

export const TokenBodySchema = z.object({ token: Token }).openapi('PaymentAccess');

export const PayBalanceSchema = z.object({ token: Token, method: OnlineMethodSchema }).openapi('PayBalance');

export const RecordPaymentSchema = z
  .object({
    kind: z.enum(['cash', 'card_terminal'], 'Choose cash or card terminal.'),
    /** default: the balance due */
    amountMinor: z.number().int('Whole pence only.').positive('Enter an amount above zero.').optional(),
  })
  .openapi('RecordCounterPayment');

export const RefundRequestSchema = z
  .object({
    amountMinor: z.number().int('Whole pence only.').positive('Enter an amount above zero.'),
    reason: z
      .string()
      .trim()
      .min(3, 'Give a reason (at least 3 characters).')
      .max(500, 'At most 500 characters.'),
  })
  .openapi('RefundRequest');

export type PaymentMethodInfo = z.infer<typeof PaymentMethodInfoSchema>;
export type PaymentMethods = z.infer<typeof PaymentMethodsSchema>;
export type PaymentView = z.infer<typeof PaymentViewSchema>;
export type StaffPaymentView = z.infer<typeof StaffPaymentViewSchema>;
export type Balance = z.infer<typeof BalanceSchema>;
export type CustomerRefundView = z.infer<typeof CustomerRefundViewSchema>;
export type OrderPayments = z.infer<typeof OrderPaymentsSchema>;
export type StaffOrderPayments = z.infer<typeof StaffOrderPaymentsSchema>;
