/** PLACEHOLDER until its helper's branch lands: answers an empty result. */
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { resultFor } from './result';

export async function customersSummary(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('customersSummary', scope);
}

export async function customerSegments(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('customerSegments', scope);
}

export async function satisfaction(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('satisfaction', scope);
}
