'use client';
import type { MetricId } from '../metrics';
import type { AnalyticsFilters } from './use-metric';

/**
 * THE EXPORTS SLOT: an-exports puts the CSV / XLSX / PDF (and accounting) buttons here. It gets
 * the dashboard's current filters and the metrics of the user's widgets, in order. Until then it
 * draws nothing.
 */
export function ExportButtons(_props: { filters: AnalyticsFilters; metrics: MetricId[] }) {
  return null;
}
