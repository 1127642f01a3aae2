/**
 * Invoices and refunds for an accountant, in the CSV layouts Xero and QuickBooks Online import
 * (docs/accounting-export.md): managers their shop, admins any or all. Streamed.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createRouter, type AppEnv } from '@/server/http/app';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { getDb } from '@/server/db/runtime';
import { authorize } from '@/features/access/server';

/** managers and admins (401 signed out, 403 otherwise, or TWO_FACTOR_SETUP_REQUIRED); the shop rule is in the scope */
const analyticsReader = authorize('read', 'Analytics');
import { AccountingQuerySchema } from '../export-schemas';
import { resolveAnalyticsScope } from '../server/access';
import { accountingCsvStream, type AccountingFormat } from '../server/accounting/stream';
import { exportFilename } from '../server/exports/results';

const csvResponse = (description: string) => ({
  200: {
    description,
    content: { 'text/csv; charset=utf-8': { schema: z.string().openapi({ format: 'binary' }) } },
  },
  ...accessErrorResponses,
  404: errorResponses[404],
  422: errorResponses[422],
});

const xeroRoute = createRoute({
  method: 'get',
  path: '/analytics/accounting/xero.csv',
  tags: ['Analytics'],
  summary: "Invoices and credit notes (refunds) in Xero's sales invoice import layout",
  middleware: [analyticsReader] as const,
  request: { query: AccountingQuerySchema },
  responses: csvResponse('Xero sales invoice import CSV (amounts VAT inclusive, dates DD/MM/YYYY)'),
});

const quickbooksRoute = createRoute({
  method: 'get',
  path: '/analytics/accounting/quickbooks.csv',
  tags: ['Analytics'],
  summary:
    "Invoices in QuickBooks Online's invoice import layout; `kind=credit-notes`: the refunds for its credit note import",
  middleware: [analyticsReader] as const,
  request: {
    query: AccountingQuerySchema.extend({
      kind: z.enum(['invoices', 'credit-notes']).optional().openapi({ example: 'invoices' }),
    }),
  },
  responses: csvResponse('QuickBooks Online import CSV (amounts VAT inclusive, dates DD/MM/YYYY)'),
});

async function answer(
  c: Context<AppEnv>,
  format: AccountingFormat,
  query: { from?: string; to?: string; shop?: string },
) {
  const db = await getDb();
  const scope = await resolveAnalyticsScope(db, c.get('user'), { ...query, compare: 'none' });
  const name = exportFilename(scope, 'csv', format === 'xero' ? 'xero' : format);
  return c.body(accountingCsvStream(db, scope, format), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
}

export const accountingApi = createRouter()
  .openapi(xeroRoute, (c) => answer(c, 'xero', c.req.valid('query')))
  .openapi(quickbooksRoute, (c) => {
    const { kind, ...query } = c.req.valid('query');
    return answer(c, kind === 'credit-notes' ? 'quickbooks-credit-notes' : 'quickbooks', query);
  });
