/** PLACEHOLDER until its helper's branch lands: answers an empty result. */
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { resultFor } from './result';

export async function revenueSummary(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('revenueSummary', scope);
}

export async function revenueSeries(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('revenueSeries', scope);
}

export async function revenueByRepair(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('revenueByRepair', scope);
}

export async function revenueByShop(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('revenueByShop', scope);
}
