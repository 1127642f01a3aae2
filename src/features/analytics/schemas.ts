/**
 * The analytics API's shapes: the query every analytics read takes (`from`, `to`, `compare`,
 * `shop`, `interval`) and the saved dashboard (`widgets`, `version`). Client-safe.
 */
import { z } from '@hono/zod-openapi';
import { COMPARES, INTERVALS, METRIC_IDS } from './metrics';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that is a real calendar date (no 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 2000;
}

const dateParam = (name: 'from' | 'to', description: string) =>
  z
    .string()
    .max(10, `'${name}' is a date like 2026-01-31.`)
    .refine(isCalendarDate, `'${name}' must be a real date written YYYY-MM-DD (from the year 2000).`)
    .optional()
    .openapi({ description, example: name === 'from' ? '2026-01-01' : '2026-01-31' });

export const AnalyticsQuerySchema = z.object({
  from: dateParam(
    'from',
    'First day of the range (inclusive), in the shop’s time zone. Default: 29 days before `to`.',
  ),
  to: dateParam('to', 'Last day of the range (inclusive). Default: today in the shop’s time zone.'),
  compare: z.enum(COMPARES, { error: "'compare' is one of previous, year, none." }).optional().openapi({
    description:
      'The range compared with: the same number of days before, the same dates a year before, or none. Default: previous.',
  }),
  shop: z
    .string()
    .max(60, 'A shop slug has at most 60 characters.')
    .refine(
      (s) => s === 'all' || SLUG.test(s),
      'A shop is `all` or a shop slug (lower-case letters, digits and dashes).',
    )
    .optional()
    .openapi({
      description: 'A shop slug, or `all` (admins). A manager sees their own shop only.',
      example: 'london',
    }),
  interval: z.enum(INTERVALS, { error: "'interval' is one of day, week, month." }).optional().openapi({
    description: 'Bucket of the series. Default: day up to 45 days, week up to 200, else month.',
  }),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuerySchema>;

export const MetricParamSchema = z.object({
  metric: z
    .string()
    .max(40, 'A metric id has at most 40 characters.')
    .openapi({ param: { name: 'metric', in: 'path' }, example: 'revenueSummary' }),
});

export const MAX_WIDGETS = 24;

export const DashboardWidgetSchema = z.object({
  id: z
    .string()
    .min(1, 'A widget id is 1-40 letters, digits, dashes or underscores.')
    .max(40, 'A widget id is 1-40 letters, digits, dashes or underscores.')
    .regex(/^[A-Za-z0-9_-]+$/, 'A widget id is 1-40 letters, digits, dashes or underscores.'),
  metric: z.enum(METRIC_IDS, { error: 'Unknown metric.' }),
  view: z.enum(['chart', 'table'], { error: "'view' is chart or table." }),
  size: z.enum(['small', 'wide'], { error: "'size' is small or wide." }),
});

export const DashboardSchema = z
  .object({
    widgets: z.array(DashboardWidgetSchema),
    /** the saved version (0: nothing saved yet, the default layout) */
    version: z.number().int().min(0),
  })
  .openapi('AnalyticsDashboard');
export type Dashboard = z.infer<typeof DashboardSchema>;

export const DashboardSaveSchema = z.object({
  widgets: z
    .array(DashboardWidgetSchema)
    .max(MAX_WIDGETS, `A dashboard has at most ${MAX_WIDGETS} widgets.`)
    .refine((ws) => new Set(ws.map((w) => w.id)).size === ws.length, 'Widget ids must be unique.'),
  /** the version this save is based on (what GET answered); a newer one on the server: 409 */
  version: z.number().int().min(0).max(2_147_483_647),
});
