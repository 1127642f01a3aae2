import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import { QuoteRequestSchema, QuoteSchema } from './schemas';
import { quoteFor } from './server/quote-for';

const quoteRoute = createRoute({
  method: 'post',
  path: '/pricing/quote',
  tags: ['Pricing'],
  summary: 'Price one or more repairs for a model (VAT-inclusive, with VAT breakdown and expiry)',
  request: { body: jsonBody(QuoteRequestSchema) },
  responses: {
    200: jsonResponse(QuoteSchema, 'The quote'),
    400: errorResponses[400],
    422: errorResponses[422],
  },
});

export const pricingApi = createRouter().openapi(quoteRoute, async (c) => {
  const quote = await quoteFor(await getDb(), c.req.valid('json'), new Date());
  return c.json(quote, 200);
});
