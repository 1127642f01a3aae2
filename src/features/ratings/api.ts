/**
 * Ratings after collection: the customer's signed link (GET the repair and any rating given, POST
 * the rating; limited per client address) and the rating as staff read it on the order page.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { perIp, rateLimit, rateLimitedResponse } from '@/server/http/rate-limit';
import { env } from '@/env';
import { getDb } from '@/server/db/runtime';
import { orderNotFound, staffCaller, staffErrors, staffOnly } from '@/features/repairs/server';
import {
  RatingBodySchema,
  RatingTokenParamsSchema,
  RatingViewSchema,
  StaffOrderRatingSchema,
} from './schemas';
import { getRatingView, getStaffOrderRating, ratingLinkNotFound } from './server/get-rating';
import { submitRating } from './server/submit-rating';

const ratingLimits = rateLimit(
  perIp('ratings', env.RATE_LIMIT_RATINGS_IP, 'Too many rating requests from this address.'),
);

const getRatingRoute = createRoute({
  method: 'get',
  path: '/ratings/{token}',
  tags: ['Ratings'],
  summary: 'The collected repair behind a signed rating link, and the rating if one was given',
  middleware: [ratingLimits] as const,
  request: { params: RatingTokenParamsSchema },
  responses: {
    200: jsonResponse(RatingViewSchema, 'The repair and its rating (null until rated)'),
    404: errorResponses[404],
    ...rateLimitedResponse,
  },
});

const postRatingRoute = createRoute({
  method: 'post',
  path: '/ratings/{token}',
  tags: ['Ratings'],
  summary: 'Rate a collected repair (1-5 stars and an optional comment), once per order',
  middleware: [ratingLimits] as const,
  request: { params: RatingTokenParamsSchema, body: jsonBody(RatingBodySchema) },
  responses: {
    201: jsonResponse(RatingViewSchema, 'Rated'),
    404: errorResponses[404],
    409: errorResponses[409],
    422: errorResponses[422],
    ...rateLimitedResponse,
  },
});

const staffRatingRoute = createRoute({
  method: 'get',
  path: '/staff/orders/{id}/rating',
  tags: ['Staff'],
  summary: "The customer's rating of an order (staff of the order's shop, or tied to no shop)",
  middleware: [staffOnly] as const,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: jsonResponse(StaffOrderRatingSchema, 'The rating (null until the customer rates)'),
    ...staffErrors,
  },
});

export const ratingsApi = createRouter()
  .openapi(getRatingRoute, async (c) => {
    const view = await getRatingView(await getDb(), c.req.valid('param').token);
    if (!view) throw ratingLinkNotFound();
    c.header('cache-control', 'no-store');
    return c.json(view, 200);
  })
  .openapi(postRatingRoute, async (c) => {
    const view = await submitRating(await getDb(), c.req.valid('param').token, c.req.valid('json'));
    c.header('cache-control', 'no-store');
    return c.json(view, 201);
  })
  .openapi(staffRatingRoute, async (c) => {
    const user = c.get('user')!;
    const found = await getStaffOrderRating(await getDb(), c.req.valid('param').id, {
      ability: staffCaller(user).ability,
      shopSlug: user.shopSlug,
    });
    if (!found) throw orderNotFound();
    c.header('cache-control', 'no-store');
    return c.json(found, 200);
  });
