import { z } from '@hono/zod-openapi';

export const CategorySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    modelCount: z.number().int(),
  })
  .openapi('Category');

export const BrandSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    categories: z.array(z.string()),
    modelCount: z.number().int(),
  })
  .openapi('Brand');

export const ModelSummarySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    brand: z.string(),
    brandName: z.string(),
    category: z.string(),
    releaseYear: z.number().int(),
    fromPriceMinor: z.number().int().nullable(),
  })
  .openapi('ModelSummary');

export const ModelRepairSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    partsMinor: z.number().int(),
    labourMinor: z.number().int(),
    priceMinor: z.number().int(),
    currency: z.string(),
    warrantyDays: z.number().int(),
    turnaroundHours: z.number().int(),
  })
  .openapi('ModelRepair');

export const ModelDetailSchema = ModelSummarySchema.extend({
  repairs: z.array(ModelRepairSchema),
}).openapi('ModelDetail');

export const ModelSearchQuerySchema = z.object({
  q: z.string().trim().max(100).optional().openapi({ example: 'iphone 15' }),
  category: z.string().trim().max(40).optional().openapi({ example: 'phone' }),
  brand: z.string().trim().max(40).optional().openapi({ example: 'apple' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type Category = z.infer<typeof CategorySchema>;
export type Brand = z.infer<typeof BrandSchema>;
export type ModelSummary = z.infer<typeof ModelSummarySchema>;
export type ModelRepair = z.infer<typeof ModelRepairSchema>;
export type ModelDetail = z.infer<typeof ModelDetailSchema>;
