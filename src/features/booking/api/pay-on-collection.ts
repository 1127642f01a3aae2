/**
 * The customer who started paying online while booking keeps the booking and pays on
 * collection instead (after a decline, say). Under /payments/{id} with the other steps of a
 * payment, but booking's: it changes the booking, and sends the confirmation that waited.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { accessErrorResponses, errorResponses, problemContentOf } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { baseUrlOf } from '@/server/http/base-url';
import { getDb } from '@/server/db/runtime';
import { PaymentViewSchema, TokenBodySchema } from '@/features/payments/schemas';
import { accessiblePayment, paymentView } from '@/features/payments/server';
import { switchToCollection } from '../server/booking-payment';

const collectionRoute = createRoute({
  method: 'post',
  path: '/payments/{id}/pay-on-collection',
  tags: ['Payments'],
  summary: 'Keep the booking and pay on collection instead of online',
  request: { params: z.object({ id: z.string().max(64) }), body: jsonBody(TokenBodySchema) },
  responses: {
    200: jsonResponse(PaymentViewSchema, 'The payment'),
    ...accessErrorResponses,
    404: errorResponses[404],
    409: errorResponses[409],
    422: errorResponses[422],
    503: { description: 'The payment provider could not be reached', content: problemContentOf() },
  },
});

export const payOnCollectionRoutes = createRouter().openapi(collectionRoute, async (c) => {
  const db = await getDb();
  const { payment, loaded } = await accessiblePayment(db, c.req.valid('param').id, {
    user: c.get('user'),
    token: c.req.valid('json').token,
  });
  const row = await switchToCollection(db, payment, baseUrlOf(c));
  return c.json(await paymentView(db, row, loaded.booking.reference), 200);
});
