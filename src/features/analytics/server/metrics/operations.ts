/** PLACEHOLDER until its helper's branch lands: answers an empty result. */
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { resultFor } from './result';

export async function turnaround(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('turnaround', scope);
}

export async function stageTimes(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('stageTimes', scope);
}

export async function technicians(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('technicians', scope);
}

export async function queue(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('queue', scope);
}

export async function funnel(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('funnel', scope);
}

export async function topModels(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('topModels', scope);
}

export async function partsUsed(_db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return resultFor('partsUsed', scope);
}
