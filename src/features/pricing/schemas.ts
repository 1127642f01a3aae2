import { z } from '@hono/zod-openapi';

export const UrgencySchema = z.enum(['standard', 'express', 'same_day']).openapi('Urgency');

export const QuoteRequestSchema = z
  .object({
    modelSlug: z.string().trim().min(1, 'Choose a device model.').max(100),
    repairSlugs: z
      .array(z.string().trim().min(1).max(60))
      .min(1, 'Choose at least one repair.')
      .max(10, 'At most 10 repairs per booking.')
      .refine((a) => new Set(a).size === a.length, 'Each repair may be chosen once.'),
    urgency: UrgencySchema.default('standard'),
    shopSlug: z.string().trim().min(1).max(60).optional(),
  })
  .openapi('QuoteRequest');

export const QuoteLineSchema = z.object({
  repairSlug: z.string(),
  repairName: z.string(),
  partsMinor: z.number().int(),
  labourMinor: z.number().int(),
  grossMinor: z.number().int(),
  discountMinor: z.number().int(),
  totalMinor: z.number().int(),
  warrantyDays: z.number().int(),
  turnaroundHours: z.number().int(),
});

export const QuoteSchema = z
  .object({
    currency: z.string(),
    lines: z.array(QuoteLineSchema),
    subtotalMinor: z.number().int(),
    discountMinor: z.number().int(),
    urgency: UrgencySchema,
    urgencySurchargeMinor: z.number().int(),
    totalMinor: z.number().int(),
    vat: z.object({ rateBp: z.number().int(), netMinor: z.number().int(), vatMinor: z.number().int() }),
    warrantyDays: z.number().int(),
    turnaroundHours: z.number().int(),
    issuedAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi('Quote');

export type QuoteRequest = z.infer<typeof QuoteRequestSchema>;
export type QuoteDto = z.infer<typeof QuoteSchema>;
