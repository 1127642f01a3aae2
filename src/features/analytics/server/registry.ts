/** Every metric id and the function that computes it. */
import type { Db } from '@/server/db/client';
import type { MetricId, MetricResult } from '../metrics';
import type { AnalyticsScope } from './scope';
import { revenueByRepair, revenueByShop, revenueSeries, revenueSummary } from './metrics/revenue';
import { customerSegments, customersSummary, satisfaction } from './metrics/customers';
import {
  funnel,
  partsUsed,
  queue,
  stageTimes,
  technicians,
  topModels,
  turnaround,
} from './metrics/operations';
import { bookingsForecast, recommendations, revenueForecast } from './metrics/forecast';

export type MetricFn = (db: Db, scope: AnalyticsScope) => Promise<MetricResult>;

export const METRICS: Record<MetricId, MetricFn> = {
  revenueSummary,
  revenueSeries,
  revenueByRepair,
  revenueByShop,
  customersSummary,
  customerSegments,
  satisfaction,
  turnaround,
  stageTimes,
  technicians,
  queue,
  funnel,
  topModels,
  partsUsed,
  bookingsForecast,
  revenueForecast,
  recommendations,
};
