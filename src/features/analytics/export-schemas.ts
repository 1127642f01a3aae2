/**
 * The exports' query: the dashboard's (`from`, `to`, `compare`, `shop`, `interval`) plus the
 * metrics to write; the accounting export takes `from`, `to` and `shop` only.
 */
import { z } from '@hono/zod-openapi';
import { METRIC_IDS, type MetricId } from './metrics';
import { AnalyticsQuerySchema } from './schemas';

export const AccountingQuerySchema = AnalyticsQuerySchema.pick({ from: true, to: true, shop: true });

export const ExportQuerySchema = AnalyticsQuerySchema.extend({
  metrics: z
    .string()
    .max(400, 'Too many metrics.')
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      const ids = s.split(',').map((x) => x.trim());
      const unknown = ids.filter((x) => !(METRIC_IDS as readonly string[]).includes(x));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: `Unknown metric: ${unknown.slice(0, 3).join(', ')}.` });
        return z.NEVER;
      }
      return [...new Set(ids)] as MetricId[];
    })
    .openapi({
      type: 'string',
      description: "Comma-separated metric ids; default: the caller's saved dashboard's metrics.",
      example: 'revenueSummary,revenueSeries',
    }),
});
export type ExportQuery = z.infer<typeof ExportQuerySchema>;
