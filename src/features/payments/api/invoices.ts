/**
 * An invoice as a PDF, for whoever may see its order: staff who may read the order, the
 * signed-in owner, or the holder of the order's tracking link (`?token=`). Anyone else, an
 * unknown id and an id that is not even a uuid all get the same 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { getDb } from '@/server/db/runtime';
import { accessibleInvoice } from '../server/get-invoice';
import { renderInvoicePdf } from '../server/invoice-pdf';
import { TokenQuery, paymentErrors } from './shared';

const pdfRoute = createRoute({
  method: 'get',
  path: '/invoices/{id}/pdf',
  tags: ['Payments'],
  summary: "An invoice (a payment's receipt) as a PDF: owner, tracking-link holder or staff",
  request: {
    // any string: what is not an invoice id is a 404, like an unknown one
    params: z.object({ id: z.string().openapi({ format: 'uuid' }) }),
    query: TokenQuery,
  },
  responses: {
    200: {
      description: 'The invoice as an A4 PDF (a download)',
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    404: paymentErrors[404],
  },
});

export const invoicesApi = createRouter().openapi(pdfRoute, async (c) => {
  const db = await getDb();
  const { invoice } = await accessibleInvoice(db, c.req.valid('param').id, {
    user: c.get('user'),
    token: c.req.valid('query').token,
  });
  const pdf = await renderInvoicePdf(invoice);
  return c.body(new Uint8Array(pdf), 200, {
    'content-type': 'application/pdf',
    // the number is [A-Z0-9-] only: safe in a quoted filename
    'content-disposition': `attachment; filename="${invoice.number}.pdf"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
});
