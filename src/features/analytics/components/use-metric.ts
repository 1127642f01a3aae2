'use client';
import useSWR from 'swr';
import type { MetricId, MetricResult } from '../metrics';

/** The dashboard's filters, as the API's query. */
export interface AnalyticsFilters {
  from?: string;
  to?: string;
  compare: 'previous' | 'year' | 'none';
  shop?: string;
}

export function queryString(f: AnalyticsFilters): string {
  const p = new URLSearchParams();
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  p.set('compare', f.compare);
  if (f.shop) p.set('shop', f.shop);
  return p.toString();
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { credentials: 'same-origin', ...init });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new ApiError(res.status, body.detail ?? res.statusText);
  }
  return (await res.json()) as T;
}

/** Refreshed every 60 s and on window focus; paused while the tab is hidden (SWR's default). */
export const REFRESH = {
  refreshInterval: 60_000,
  revalidateOnFocus: true,
  refreshWhenHidden: false,
} as const;

export function useMetric(metric: MetricId, filters: AnalyticsFilters, onLoaded?: () => void) {
  return useSWR<MetricResult>(`/api/analytics/metrics/${metric}?${queryString(filters)}`, fetchJson, {
    ...REFRESH,
    keepPreviousData: true,
    onSuccess: onLoaded,
  });
}
