/**
 * The admin's edit of a shop's opening hours and closed dates (`update Shop`: admins). Answers
 * the shop as the public API now serves it, read back through the cache; writes one audit row.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { authorize } from '@/features/access/server';
import { auditRequestFrom } from '@/features/audit/server';
import { DomainError } from '@/server/domain-error';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { getDb } from '@/server/db/runtime';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { ShopSchema } from './schemas';
import { getShopRow, toPublicShop } from './server/list-shops';
import { updateShopHours } from './server/update-shop';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time "HH:MM"');
const Window = z
  .object({ open: HHMM, close: HHMM })
  .strict()
  .refine((w) => w.open < w.close, 'must open before it closes');
const Day = z.array(Window).max(4);

const ShopHoursChangeSchema = z
  .object({
    openingHours: z
      .object({
        mon: Day.optional(),
        tue: Day.optional(),
        wed: Day.optional(),
        thu: Day.optional(),
        fri: Day.optional(),
        sat: Day.optional(),
        sun: Day.optional(),
      })
      .strict()
      .optional(),
    closedDates: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"'))
      .max(366)
      .optional(),
  })
  .strict()
  .refine(
    (v) => v.openingHours !== undefined || v.closedDates !== undefined,
    'Give openingHours or closedDates.',
  );

const updateHoursRoute = createRoute({
  method: 'patch',
  path: '/admin/shops/{slug}/hours',
  tags: ['Shops'],
  summary: "Change a shop's opening hours (a missing day is closed) or closed dates; every instance follows",
  middleware: [authorize('update', 'Shop')],
  request: {
    params: z.object({ slug: z.string().trim().min(1).max(60) }),
    body: jsonBody(ShopHoursChangeSchema),
  },
  responses: {
    200: jsonResponse(ShopSchema, 'The shop as the API now serves it'),
    404: errorResponses[404],
    422: errorResponses[422],
    ...accessErrorResponses,
  },
});

export const shopsAdminApi = createRouter().openapi(updateHoursRoute, async (c) => {
  const { slug } = c.req.valid('param');
  const db = await getDb();
  const me = c.get('user')!;
  await updateShopHours(db, slug, c.req.valid('json'), {
    actor: { id: me.id, email: me.email, role: me.role },
    request: auditRequestFrom(c),
  });
  const shop = await getShopRow(db, slug);
  if (!shop) throw new DomainError('NOT_FOUND', 'No shop with that slug.');
  return c.json(toPublicShop(shop), 200);
});
