/**
 * The analytics metrics: their ids and the one shape every metric answers with. Client-safe
 * (the dashboard, the exports and the API all read this shape): a metric is a few KPI cards,
 * an optional chart over its table, and the table itself (which is also the accessible view
 * of the chart and what the exports write). Labels are not here: the UI and the exports look
 * them up in the messages, `analytics.metrics.<metricId>.title`, `.cards.<key>`,
 * `.columns.<key>`, and notes in `analytics.notes.<key>`.
 */
import { z } from 'zod';

export const METRIC_IDS = [
  // money (features/analytics/server/metrics/revenue-*.ts)
  'revenueSummary',
  'revenueSeries',
  'revenueByRepair',
  'revenueByShop',
  // customers
  'customersSummary',
  'customerSegments',
  'satisfaction',
  // the workshop
  'turnaround',
  'stageTimes',
  'technicians',
  'queue',
  'funnel',
  'topModels',
  'partsUsed',
  // what is coming
  'bookingsForecast',
  'revenueForecast',
  'recommendations',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];
export const MetricIdSchema = z.enum(METRIC_IDS);

/** money: integer minor units of `currency`; percent: a fraction (0.3 is 30%); hours, days: decimals */
export const UNITS = ['money', 'count', 'percent', 'hours', 'days', 'rating', 'text', 'date'] as const;
export type Unit = (typeof UNITS)[number];

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export const COMPARES = ['previous', 'year', 'none'] as const;
export type Compare = (typeof COMPARES)[number];

const CellSchema = z.union([z.string(), z.number(), z.null()]);

export const MetricCardSchema = z.object({
  key: z.string(),
  unit: z.enum(UNITS),
  value: z.number().nullable(),
  /** the same figure over the comparison range (null without one, or when it cannot be had) */
  previous: z.number().nullable(),
  /** (value - previous) / previous; null when previous is null or 0 */
  change: z.number().nullable(),
});
export type MetricCard = z.infer<typeof MetricCardSchema>;

export const MetricColumnSchema = z.object({ key: z.string(), unit: z.enum(UNITS) });
export type MetricColumn = z.infer<typeof MetricColumnSchema>;

export const ChartSchema = z.object({
  kind: z.enum(['line', 'bar', 'stackedBar', 'area', 'pie', 'funnel']),
  /** the table column on the x axis (or the slice/step name) */
  x: z.string(),
  /** the table columns drawn as series */
  series: z.array(z.string()).min(1),
  /** for forecasts: the columns holding the interval's lower and upper bounds */
  band: z.object({ lower: z.string(), upper: z.string() }).optional(),
});
export type Chart = z.infer<typeof ChartSchema>;

/** A recommendation derived from the numbers, with the figures behind it. */
export const RecommendationSchema = z.object({
  /** message key under `analytics.recommendations.<key>` (ICU, filled with `values`) */
  key: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  figures: z.array(MetricCardSchema),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const MetricResultSchema = z.object({
  metric: MetricIdSchema,
  currency: z.string(),
  range: z.object({ from: z.string(), to: z.string() }),
  compareRange: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** the shops the figures cover: null is every shop (an admin's whole business) */
  shops: z.array(z.string()).nullable(),
  cards: z.array(MetricCardSchema),
  chart: ChartSchema.nullable(),
  table: z.object({ columns: z.array(MetricColumnSchema), rows: z.array(z.record(z.string(), CellSchema)) }),
  /** honest remarks: message keys under `analytics.notes.*`, e.g. too little history */
  notes: z.array(z.string()),
  recommendations: z.array(RecommendationSchema).optional(),
});
export type MetricResult = z.infer<typeof MetricResultSchema>;
