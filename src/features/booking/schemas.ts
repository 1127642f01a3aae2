import { z } from '@hono/zod-openapi';
import { QuoteSchema, UrgencySchema } from '@/features/pricing/schemas';
import { BookingPaymentMethodSchema, PaymentViewSchema } from '@/features/payments/schemas';
import { checkPasscode, IntakeFields, RepairStatusSchema } from '@/features/repairs/schemas';

const trimmed = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);

export const ServiceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('drop_off'),
    shopSlug: trimmed(60).min(1, 'Choose a shop.'),
    slotStartsAt: z.iso.datetime({ offset: true, message: 'Choose a drop-off time.' }),
  }),
  z.object({ type: z.literal('mail_in') }),
]);

const EmailField = z
  .string()
  .trim()
  .max(254, 'At most 254 characters.')
  .pipe(z.email('Please enter a valid e-mail address.'))
  .transform((e) => e.toLowerCase());
const PhoneField = z
  .string()
  .trim()
  .max(20, 'At most 20 characters.')
  .regex(/^\+?[0-9 ()-]{7,20}$/, 'Please enter a valid phone number.')
  .optional()
  .or(z.literal('').transform(() => undefined));

export const CustomerSchema = z.object({
  name: trimmed(100).min(2, 'Please enter your name.'),
  email: EmailField,
  phone: PhoneField,
});

/**
 * A customer at the counter: a name and at least one way to reach them. Without an e-mail
 * address nothing is mailed; staff find the repair by its reference.
 */
export const WalkInCustomerSchema = z
  .object({
    name: trimmed(100).min(2, 'Please enter the customer’s name.'),
    email: EmailField.optional().or(z.literal('').transform(() => undefined)),
    phone: PhoneField,
  })
  .superRefine((c, ctx) => {
    if (c.email || c.phone) return;
    for (const path of ['email', 'phone'])
      ctx.addIssue({ code: 'custom', path: [path], message: 'Enter an e-mail address or a phone number.' });
  });

export const BookingRequestSchema = z
  .object({
    modelSlug: trimmed(100).min(1, 'Choose a device model.'),
    repairSlugs: z
      .array(trimmed(60).min(1))
      .min(1, 'Choose at least one repair.')
      .max(10, 'At most 10 repairs per booking.')
      .refine((a) => new Set(a).size === a.length, 'Each repair may be chosen once.'),
    urgency: UrgencySchema.default('standard'),
    service: ServiceSchema,
    customer: CustomerSchema,
    faultDescription: trimmed(2000).optional(),
    paymentMethod: BookingPaymentMethodSchema,
    locale: z.enum(['en-GB']).default('en-GB'),
    /**
     * The price the customer was shown and accepts (from POST /api/pricing/quote). When given, a
     * booking whose price has expired or changed is refused with 409 QUOTE_EXPIRED or
     * QUOTE_CHANGED and the fresh quote; without it the booking takes the current price.
     */
    quote: z
      .object({
        totalMinor: z.number().int().min(0),
        expiresAt: z.iso.datetime({ offset: true, message: 'Not a valid date and time.' }),
      })
      .optional(),
  })
  .openapi('BookingRequest');

export const BookingConfirmationSchema = z
  .object({
    id: z.string(),
    reference: z.string().openapi({ example: 'RT-4K7Q2Z' }),
    trackingToken: z.string(),
    trackingUrl: z.string(),
    status: z.string(),
    quote: QuoteSchema,
    device: z.object({ slug: z.string(), name: z.string(), brandName: z.string() }),
    service: z.object({
      type: z.enum(['drop_off', 'mail_in', 'walk_in']),
      shop: z
        .object({
          slug: z.string(),
          name: z.string(),
          address: z.string(),
          timeZone: z.string(),
        })
        .nullable(),
      slotStartsAt: z.string().nullable(),
      slotEndsAt: z.string().nullable(),
    }),
    customer: z.object({ name: z.string(), email: z.string() }),
    paymentMethod: z.string(),
    calendarUrl: z.string(),
    googleCalendarUrl: z.string().nullable(),
    outlookCalendarUrl: z.string().nullable(),
    /** The signed link where the customer can cancel or reschedule. */
    manageUrl: z.string(),
    createdAt: z.string(),
    /** while an online payment is pending, the slot is held until then (ISO) */
    paymentHoldUntil: z.string().nullable().optional(),
    /** the online payment to complete (card or PayPal); null for pay on collection */
    payment: PaymentViewSchema.nullable().optional(),
  })
  .openapi('BookingConfirmation');

const ShopSummarySchema = z.object({
  slug: z.string(),
  name: z.string(),
  address: z.string(),
  timeZone: z.string(),
});

export const ManageBookingSchema = z
  .object({
    reference: z.string().openapi({ example: 'RT-4K7Q2Z' }),
    /** the booking: confirmed or cancelled */
    status: z.enum(['confirmed', 'cancelled']),
    /** the repair order's status (booked, received, …, cancelled) */
    orderStatus: z.string(),
    canCancel: z.boolean(),
    canReschedule: z.boolean(),
    device: z.object({ slug: z.string(), name: z.string(), brandName: z.string() }),
    repairs: z.array(z.string()),
    quote: QuoteSchema,
    service: z.object({
      type: z.enum(['drop_off', 'mail_in', 'walk_in']),
      shop: ShopSummarySchema.nullable(),
      slotStartsAt: z.string().nullable(),
      slotEndsAt: z.string().nullable(),
    }),
    customerName: z.string(),
    /** raised on every change, so calendars update the same entry */
    calendarSequence: z.number().int(),
    calendarUrl: z.string().nullable(),
    googleCalendarUrl: z.string().nullable(),
    outlookCalendarUrl: z.string().nullable(),
    updatedAt: z.string(),
    /**
     * The money of a cancellation: before it, what cancelling would refund (paid less the shop's
     * cancellation fee); after it, the fee kept, what was refunded and what is still on its way.
     */
    cancellation: z.object({
      currency: z.string(),
      /** captured less refunds: what the shop holds now */
      paidMinor: z.number().int(),
      feeMinor: z.number().int(),
      /** what cancelling refunds (before), or what is still to be refunded (after) */
      refundMinor: z.number().int(),
      refundedMinor: z.number().int(),
    }),
  })
  .openapi('ManageBooking');

const Signature = z
  .string()
  .max(200, 'At most 200 characters.')
  .optional()
  .openapi({ description: 'The signature from the manage link' });

export const CancelBookingBodySchema = z.object({ sig: Signature }).openapi('CancelBooking');

export const RescheduleBookingBodySchema = z
  .object({
    sig: Signature,
    slotStartsAt: z.iso.datetime({ offset: true, message: 'Choose a new drop-off time.' }),
  })
  .openapi('RescheduleBooking');

export type BookingRequest = z.infer<typeof BookingRequestSchema>;
export type BookingConfirmation = z.infer<typeof BookingConfirmationSchema>;
export type ManageBooking = z.infer<typeof ManageBookingSchema>;

/** A walk-in: a booking made by staff at the counter, with the device handed in at once. */
export const WalkInBodySchema = z
  .object({
    modelSlug: trimmed(100).min(1, 'Choose a device model.'),
    repairSlugs: z
      .array(trimmed(60).min(1))
      .min(1, 'Choose at least one repair.')
      .max(10, 'At most 10 repairs per order.')
      .refine((a) => new Set(a).size === a.length, 'Each repair may be chosen once.'),
    urgency: UrgencySchema.default('standard'),
    customer: WalkInCustomerSchema,
    faultDescription: trimmed(2000).optional(),
    shopSlug: trimmed(60).min(1).optional().openapi({ description: 'Required for staff not tied to a shop' }),
    ...IntakeFields,
  })
  .superRefine(checkPasscode)
  .openapi('WalkIn');
export type WalkInInput = z.infer<typeof WalkInBodySchema>;

export const WalkInCreatedSchema = z
  .object({
    orderId: z.string(),
    reference: z.string(),
    status: RepairStatusSchema,
    trackingUrl: z.string(),
  })
  .openapi('WalkInCreated');
export type WalkInCreated = z.infer<typeof WalkInCreatedSchema>;
