/**
 * The insights API's shapes: the figures for one device model at one shop (or all shops), from
 * that shop's own repair history. Every figure carries its sample size; a figure whose sample is
 * under its minimum (statistics.ts INSIGHT_MINIMUMS) is null with the reason.
 */
import { z } from '@hono/zod-openapi';
import { AGE_BUCKETS } from './statistics';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ModelSlugParamSchema = z.object({
  modelSlug: z
    .string()
    .max(80, 'A model slug has at most 80 characters.')
    .regex(SLUG, 'A model slug has lower-case letters, digits and dashes.')
    .openapi({ param: { name: 'modelSlug', in: 'path' }, example: 'iphone-15' }),
});

export const InsightsQuerySchema = z.object({
  shop: z
    .string()
    .max(60, 'A shop slug has at most 60 characters.')
    .regex(SLUG, 'A shop slug has lower-case letters, digits and dashes.')
    .optional()
    .openapi({
      description:
        "Admins (and staff not tied to one shop): one shop's history; without it, every shop's. " +
        'Staff of a shop may name only their own.',
      example: 'london',
    }),
});

const TooLittleSchema = z
  .object({
    code: z.literal('too-little-history'),
    /** how many there are */
    n: z.number().int(),
    /** how many the figure needs */
    minimum: z.number().int(),
  })
  .openapi('InsightsReason');

const RepairShareSchema = z.object({
  slug: z.string(),
  name: z.string(),
  count: z.number().int(),
  /** 0..1 of the bucket's repairs */
  share: z.number(),
});

const BucketSchema = z.object({
  bucket: z.enum(AGE_BUCKETS),
  orders: z.number().int(),
  repairs: z.number().int(),
  enoughHistory: z.boolean(),
  top: z.array(RepairShareSchema),
});

export const ModelInsightsSchema = z
  .object({
    model: z.object({
      slug: z.string(),
      name: z.string(),
      brandName: z.string(),
      releaseYear: z.number().int(),
    }),
    /** the shop whose history this is; null: every shop's */
    shop: z.object({ slug: z.string(), name: z.string() }).nullable(),
    /** received orders of the model (not cancelled) with a booked repair */
    orders: z.number().int(),
    /** false when `orders` is under the minimum: nothing below is shown as knowledge */
    enoughHistory: z.boolean(),
    reason: TooLittleSchema.nullable(),
    /** the device's age bucket today (for the order page: "devices of this age") */
    currentAgeBucket: z.enum(AGE_BUCKETS),
    repairsByAge: z.array(BucketSchema),
    turnaround: z.object({
      /** orders received and made ready for collection */
      n: z.number().int(),
      enoughHistory: z.boolean(),
      reason: TooLittleSchema.nullable(),
      medianHours: z.number().nullable(),
      p80Hours: z.number().nullable(),
    }),
    repeat: z.object({
      windowDays: z.number().int(),
      /** collected orders whose return window has passed */
      n: z.number().int(),
      returned: z.number().int(),
      enoughHistory: z.boolean(),
      reason: TooLittleSchema.nullable(),
      /** returned / n, 0..1 */
      rate: z.number().nullable(),
    }),
  })
  .openapi('ModelInsights');

export type ModelInsights = z.infer<typeof ModelInsightsSchema>;
export type InsightsReason = z.infer<typeof TooLittleSchema>;
