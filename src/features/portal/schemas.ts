/**
 * The customer's view of a repair order (the account portal and the public tracking link give
 * the same view) and the messages a customer sends the shop.
 */
import { z } from '@hono/zod-openapi';
import { QuoteSchema } from '@/features/pricing/schemas';
import { MESSAGE_MAX_LENGTH, NextStepSchema, OrderEventSchema } from '@/features/repairs/schemas';

export const CustomerOrderSchema = z
  .object({
    reference: z.string(),
    status: z.string(),
    progress: z.number().int(),
    statusEnteredAt: z.string(),
    nextStep: NextStepSchema,
    device: z.object({ slug: z.string(), name: z.string(), brandName: z.string() }),
    repairs: z.array(z.string()),
    customerName: z.string(),
    service: z.object({
      type: z.enum(['drop_off', 'mail_in', 'walk_in']),
      shop: z
        .object({
          slug: z.string(),
          name: z.string(),
          address: z.string(),
          phone: z.string(),
          timeZone: z.string(),
        })
        .nullable(),
      slotStartsAt: z.string().nullable(),
      slotEndsAt: z.string().nullable(),
    }),
    bookingStatus: z.string(),
    /** the quote given at booking */
    quote: QuoteSchema,
    /** the price the customer agreed to: the booking total, then each approved revised quote */
    agreedTotalMinor: z.number().int(),
    collectedAt: z.string().nullable(),
    /** set once collected */
    warrantyEndsAt: z.string().nullable(),
    /** customer-visible events only, oldest first: status changes, notes, messages, quote events */
    timeline: z.array(OrderEventSchema),
    createdAt: z.string(),
  })
  .openapi('CustomerOrder');

const messageBody = z
  .string()
  .trim()
  .min(1, 'Please write a message.')
  .max(MESSAGE_MAX_LENGTH, `Messages can be at most ${MESSAGE_MAX_LENGTH} characters.`);

export const PostMessageSchema = z.object({ body: messageBody }).openapi('PostMessage');

export const TrackPostMessageSchema = z
  .object({ token: z.string().min(1).max(200), body: messageBody })
  .openapi('TrackPostMessage');

export const ReferenceParamSchema = z.object({ reference: z.string().min(1).max(40) });

export type CustomerOrder = z.infer<typeof CustomerOrderSchema>;

/** One line of "My repairs": a repair of the signed-in customer and where it stands. */
export const MyRepairSchema = z
  .object({
    reference: z.string(),
    status: z.string(),
    progress: z.number().int(),
    nextStep: NextStepSchema,
    device: z.string(),
    repairs: z.array(z.string()),
    /** the booking quote's total */
    totalMinor: z.number().int(),
    /** what the customer agreed to pay: the booking total, then each approved revised quote */
    agreedTotalMinor: z.number().int(),
    currency: z.string(),
    serviceType: z.enum(['drop_off', 'mail_in', 'walk_in']),
    slotStartsAt: z.string().nullable(),
    shopName: z.string().nullable(),
    /** shown in this time zone */
    timeZone: z.string(),
    createdAt: z.string(),
  })
  .openapi('MyRepair');
export type MyRepair = z.infer<typeof MyRepairSchema>;

/**
 * The public tracking link shows the same customer view as the account portal: whoever holds
 * the secret token is treated as the customer.
 */
export const TrackingSchema = CustomerOrderSchema;
export type Tracking = CustomerOrder;
