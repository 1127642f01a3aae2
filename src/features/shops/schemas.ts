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
