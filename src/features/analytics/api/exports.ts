/**
 * The current dashboard view as a file: CSV, XLSX or PDF (managers their shop, admins any or
 * all; technicians and customers 403). Each is streamed: written while it is sent.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createRouter, type AppEnv } from '@/server/http/app';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { getDb } from '@/server/db/runtime';
import { authorize } from '@/features/access/server';

/** managers and admins (401 signed out, 403 otherwise, or TWO_FACTOR_SETUP_REQUIRED); the shop rule is in the scope */
const analyticsReader = authorize('read', 'Analytics');
import { ExportQuerySchema, type ExportQuery } from '../export-schemas';
import { resolveAnalyticsScope } from '../server/access';
import { defaultExportMetrics } from '../server/exports/default-metrics';
import { metricsCsvStream } from '../server/exports/csv';
import { metricsPdfStream } from '../server/exports/pdf';
import { exportFilename, metricResults } from '../server/exports/results';

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', description: 'One CSV: a block per metric (cards, then table)' },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    description: 'A workbook: a cover sheet, then one sheet per metric',
  },
  pdf: { type: 'application/pdf', description: 'A title page, then each metric’s cards and table' },
} as const;
type Format = keyof typeof FORMATS;

const routeOf = (format: Format) =>
  createRoute({
    method: 'get',
    path: `/analytics/export.${format}`,
    tags: ['Analytics'],
    summary: `The dashboard's metrics for a range and shop as ${format.toUpperCase()} (managers and admins)`,
    middleware: [analyticsReader] as const,
    request: { query: ExportQuerySchema },
    responses: {
      200: {
        description: `${FORMATS[format].description} (an attachment, streamed)`,
        content: { [FORMATS[format].type]: { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...accessErrorResponses,
      404: errorResponses[404],
      422: errorResponses[422],
    },
  });

async function answer(c: Context<AppEnv>, format: Format, query: ExportQuery) {
  const db = await getDb();
  const user = c.get('user');
  const scope = await resolveAnalyticsScope(db, user, query);
  const metrics = query.metrics ?? (await defaultExportMetrics(db, user!.id));
  const results = metricResults(db, scope, metrics);
  const body =
    format === 'csv'
      ? metricsCsvStream(results, scope)
      : format === 'xlsx'
        ? // exceljs (about 0.7 s of CPU) loads with the first workbook, not with the API
          (await import('../server/exports/xlsx')).metricsXlsxStream(results, scope)
        : await metricsPdfStream(results, scope);
  return c.body(body, 200, {
    'content-type': FORMATS[format].type,
    // slugs and ISO dates only: safe in a quoted filename
    'content-disposition': `attachment; filename="${exportFilename(scope, format)}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
}

export const exportsApi = createRouter()
  .openapi(routeOf('csv'), (c) => answer(c, 'csv', c.req.valid('query')))
  .openapi(routeOf('xlsx'), (c) => answer(c, 'xlsx', c.req.valid('query')))
  .openapi(routeOf('pdf'), (c) => answer(c, 'pdf', c.req.valid('query')));
