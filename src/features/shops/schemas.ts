import { z } from '@hono/zod-openapi';

const Hours = z.array(z.object({ open: z.string(), close: z.string() }));

export const ShopSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    city: z.string(),
    postcode: z.string(),
    country: z.string(),
    phone: z.string(),
    email: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    timeZone: z.string(),
    openingHours: z.object({
      mon: Hours.optional(),
      tue: Hours.optional(),
      wed: Hours.optional(),
      thu: Hours.optional(),
      fri: Hours.optional(),
      sat: Hours.optional(),
      sun: Hours.optional(),
    }),
    slotMinutes: z.number().int(),
    capacityPerSlot: z.number().int(),
    minNoticeMinutes: z.number().int(),
    horizonDays: z.number().int(),
  })
  .openapi('Shop');

export const SlotSchema = z
  .object({
    startsAt: z.string().openapi({ example: '2026-11-26T10:00:00.000Z' }),
    endsAt: z.string(),
    localDate: z.string(),
    localTime: z.string(),
    capacity: z.number().int(),
    booked: z.number().int(),
    available: z.number().int(),
  })
  .openapi('Slot');

export type Shop = z.infer<typeof ShopSchema>;
export type Slot = z.infer<typeof SlotSchema>;

/** `GET /api/shops/nearest?q=`: the place a town or postcode names, and the shops by distance from it. */
export const NearestQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'Enter a town or a postcode.')
    .max(60, 'Use at most 60 characters.')
    .openapi({ example: 'Leeds', description: 'A town, a postcode district (M1, SW1A) or a full postcode' }),
});

export const NearestResultSchema = z
  .object({
    query: z.string(),
    /** the place found, or null with `reason` */
    place: z
      .object({
        kind: z.enum(['town', 'district', 'area']),
        label: z.string().openapi({ example: 'Leeds, City and Borough of Leeds' }),
        latitude: z.number(),
        longitude: z.number(),
      })
      .nullable(),
    reason: z.enum(['unknown', 'district_unavailable']).nullable(),
    /** other places of the same name, as text to look up instead */
    alternatives: z.array(z.string()),
    /** shops nearest first (empty when no place was found) */
    items: z.array(z.object({ slug: z.string(), distanceKm: z.number() })),
  })
  .openapi('NearestShops');

export type NearestResult = z.infer<typeof NearestResultSchema>;
