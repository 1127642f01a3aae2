/** PLACEHOLDER until its helper's branch lands: answers an empty result. */
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { resultFor } from './result';

export async function bookingsForecast(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('bookingsForecast', scope);
}

export async function revenueForecast(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('revenueForecast', scope);
}

export async function recommendations(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('recommendations', scope);
}
