/**
 * One model's figures from the rows read for it (read-history.ts): the statistics of
 * ../statistics.ts, each withheld with its reason when its sample is under the minimum.
 */
import {
  ageBucket,
  INSIGHT_MINIMUMS,
  median,
  percentile,
  repairsByAge,
  repeatFigures,
  REPEAT_WINDOW_DAYS,
  type DeviceVisit,
  type RepairRow,
} from '../statistics';
import type { InsightsReason, ModelInsights } from '../schemas';

export interface ModelHistory {
  repairs: readonly RepairRow[];
  turnaroundHours: readonly number[];
  visits: readonly DeviceVisit[];
}

function enough(n: number, minimum: number): { enoughHistory: boolean; reason: InsightsReason | null } {
  return n >= minimum
    ? { enoughHistory: true, reason: null }
    : { enoughHistory: false, reason: { code: 'too-little-history', n, minimum } };
}

export function buildInsights(
  model: ModelInsights['model'],
  shop: ModelInsights['shop'],
  history: ModelHistory,
  now: Date,
): ModelInsights {
  const orders = new Set(history.repairs.map((r) => r.orderId)).size;
  const overall = enough(orders, INSIGHT_MINIMUMS.repairs);

  const turnaroundN = history.turnaroundHours.length;
  const turnaround = enough(turnaroundN, INSIGHT_MINIMUMS.turnaround);

  const { eligible, returned } = repeatFigures(history.visits, now);
  const repeat = enough(eligible, INSIGHT_MINIMUMS.repeat);

  return {
    model,
    shop,
    orders,
    ...overall,
    currentAgeBucket: ageBucket(model.releaseYear, now),
    // below the overall minimum no bucket shows shares either
    repairsByAge: repairsByAge(history.repairs, model.releaseYear).map((b) =>
      overall.enoughHistory ? b : { ...b, enoughHistory: false, top: [] },
    ),
    turnaround: {
      n: turnaroundN,
      ...turnaround,
      medianHours: turnaround.enoughHistory ? median(history.turnaroundHours) : null,
      p80Hours: turnaround.enoughHistory ? percentile(history.turnaroundHours, 0.8) : null,
    },
    repeat: {
      windowDays: REPEAT_WINDOW_DAYS,
      n: eligible,
      returned,
      ...repeat,
      rate: repeat.enoughHistory ? returned / eligible : null,
    },
  };
}
