/**
 * The exports' query: the dashboard's (`from`, `to`, `compare`, `shop`, `interval`) plus the
 * metrics to write; the accounting export takes `from`, `to` and `shop` only.
 */
import { z } from '@hono/zod-openapi';
import { COMPARES, INTERVALS, METRIC_IDS, type MetricId } from './metrics';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const day = (name: 'from' | 'to') =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `\`${name}\` is a date as YYYY-MM-DD.`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `\`${name}\` is not a real date.`)
    .optional()
    .openapi({ example: name === 'from' ? '2026-01-01' : '2026-01-31' });

const shop = z
  .string()
  .max(60, 'A shop slug has at most 60 characters.')
  .regex(SLUG, 'A shop is a shop slug or `all`.')
  .optional()
  .openapi({ description: 'A shop slug or `all` (a manager may name only their own shop).', example: 'all' });

export const AccountingQuerySchema = z.object({ from: day('from'), to: day('to'), shop });

export const ExportQuerySchema = AccountingQuerySchema.extend({
  compare: z.enum(COMPARES).optional(),
  interval: z.enum(INTERVALS).optional(),
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
