import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { errorResponses } from '@/server/http/errors';
import { jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import { NearestQuerySchema, NearestResultSchema, ShopSchema, SlotSchema } from './schemas';
import { getShopRow, listShopRows, toPublicShop } from './server/list-shops';
import { getAvailability } from './server/availability';
import { findNearestShops } from './server/find-nearest-shops';

const listShopsRoute = createRoute({
  method: 'get',
  path: '/shops',
  tags: ['Shops'],
  summary: 'Shops with address, coordinates, opening hours and time zone',
  responses: { 200: jsonResponse(z.object({ items: z.array(ShopSchema) }), 'Shops') },
});

const nearestRoute = createRoute({
  method: 'get',
  path: '/shops/nearest',
  tags: ['Shops'],
  summary:
    'Shops by distance from a town, postcode district or postcode (looked up in shipped data, no network)',
  request: { query: NearestQuerySchema },
  responses: {
    200: jsonResponse(NearestResultSchema, 'The place found (or why not) and the shops nearest first'),
    422: errorResponses[422],
  },
});

const slotsRoute = createRoute({
  method: 'get',
  path: '/shops/{slug}/slots',
  tags: ['Shops'],
  summary: 'Drop-off slots with remaining capacity (minimum notice and horizon applied)',
  request: { params: z.object({ slug: z.string().min(1).max(60) }) },
  responses: {
    200: jsonResponse(
      z.object({ shop: z.string(), timeZone: z.string(), items: z.array(SlotSchema) }),
      'Slots in time order',
    ),
    404: errorResponses[404],
  },
});

export const shopsApi = createRouter()
  .openapi(listShopsRoute, async (c) => {
    const rows = await listShopRows(await getDb());
    return c.json({ items: rows.map(toPublicShop) }, 200);
  })
  .openapi(nearestRoute, async (c) => {
    const rows = await listShopRows(await getDb());
    return c.json(await findNearestShops(rows, c.req.valid('query').q), 200);
  })
  .openapi(slotsRoute, async (c) => {
    const db = await getDb();
    const shop = await getShopRow(db, c.req.valid('param').slug);
    if (!shop) throw new DomainError('NOT_FOUND', 'No shop with that slug.');
    const items = await getAvailability(db, shop, new Date());
    return c.json({ shop: shop.slug, timeZone: shop.timeZone, items }, 200);
  });
