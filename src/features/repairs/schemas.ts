import { z } from '@hono/zod-openapi';
import { QuoteSchema } from '@/features/pricing/schemas';

export const TimelineEntrySchema = z.object({
  type: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  message: z.string().nullable(),
  at: z.string(),
});

export const TrackingSchema = z
  .object({
    reference: z.string(),
    status: z.string(),
    progress: z.number().int(),
    statusEnteredAt: z.string(),
    device: z.object({ slug: z.string(), name: z.string(), brandName: z.string() }),
    customerName: z.string(),
    service: z.object({
      type: z.enum(['drop_off', 'mail_in', 'walk_in']),
      shop: z
        .object({ slug: z.string(), name: z.string(), address: z.string(), timeZone: z.string() })
        .nullable(),
      slotStartsAt: z.string().nullable(),
      slotEndsAt: z.string().nullable(),
    }),
    bookingStatus: z.string(),
    quote: QuoteSchema,
    timeline: z.array(TimelineEntrySchema),
    createdAt: z.string(),
  })
  .openapi('Tracking');

export type Tracking = z.infer<typeof TrackingSchema>;
