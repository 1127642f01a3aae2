/**
 * The recommendation rules: each takes figures already read (recommendation-data.ts) and
 * answers a Recommendation with the figures behind it, or null. Thresholds are named here
 * with the reason for their value; docs/analytics-forecasts.md lists them for users.
 */
import type { Recommendation } from '../../metrics';
import { card } from './result';
import { FUNNEL_STEPS } from '../../tracking';

/** A repair type is "up" from a 30% rise on the previous period (the issue's own example)... */
export const REPAIR_GROWTH_MIN = 0.3;
/** ...and only with at least 5 orders now: 2 -> 3 is +50% and means nothing. */
export const REPAIR_GROWTH_MIN_COUNT = 5;
/** One overdue order is already a customer waiting past what the shop promised. */
export const OVERDUE_MIN_ORDERS = 1;
/** From 5 overdue orders the workshop is falling behind, not one job stuck: critical. */
export const OVERDUE_CRITICAL_ORDERS = 5;
/** Below 4 of 5 on average customers are less than satisfied... */
export const RATING_MIN_AVERAGE = 4;
/** ...counted only from 5 ratings, or one angry customer decides the figure. */
export const RATING_MIN_COUNT = 5;
/** Refunds above 10% of money in: well above a repair shop's usual few percent of redos. */
export const REFUND_SHARE_MAX = 0.1;
/** At least 2 refunds, so that one goodwill refund in a quiet week is not an alarm. */
export const REFUND_MIN_COUNT = 2;
/** Forecast bookings at 90% of the weekly slot capacity: time to add slots or staff. */
export const CAPACITY_WARN_SHARE = 0.9;
/** Fewer than half of the visits go on from a booking step: that step loses people. */
export const FUNNEL_MIN_CONVERSION = 0.5;
/** Only judged from 20 visits at the step before, so a handful of visitors prove nothing. */
export const FUNNEL_MIN_VISITS = 20;

const pct = (v: number) => Math.round(v * 1000) / 1000;

export interface RepairCount {
  repair: string;
  name: string;
  current: number;
  previous: number;
}

/** Repair types up at least REPAIR_GROWTH_MIN on the previous period (with enough orders). */
export function repairTypeUp(counts: RepairCount[]): Recommendation[] {
  return counts
    .filter((c) => c.current >= REPAIR_GROWTH_MIN_COUNT && c.previous > 0)
    .filter((c) => (c.current - c.previous) / c.previous >= REPAIR_GROWTH_MIN)
    .sort((a, b) => b.current / b.previous - a.current / a.previous || a.repair.localeCompare(b.repair))
    .map((c) => ({
      key: 'repairTypeUp',
      severity: 'info' as const,
      values: {
        repair: c.name,
        change: pct((c.current - c.previous) / c.previous),
        count: c.current,
        previous: c.previous,
      },
      figures: [card('orders', 'count', c.current, c.previous)],
    }));
}

export interface QueueFigures {
  open: number;
  overdue: number;
  /** hours the longest-waiting overdue order has been in its status */
  oldestHours: number | null;
}

export function overdueOrders(q: QueueFigures): Recommendation | null {
  if (q.overdue < OVERDUE_MIN_ORDERS) return null;
  const oldest = q.oldestHours === null ? null : Math.round(q.oldestHours * 10) / 10;
  return {
    key: 'overdueOrders',
    severity: q.overdue >= OVERDUE_CRITICAL_ORDERS ? 'critical' : 'warning',
    values: { overdue: q.overdue, open: q.open, oldestHours: oldest ?? 0 },
    figures: [
      card('overdue', 'count', q.overdue),
      card('open', 'count', q.open),
      card('oldestHours', 'hours', oldest),
    ],
  };
}

export interface RatingFigures {
  count: number;
  average: number | null;
  previousAverage: number | null;
}

export function ratingLow(r: RatingFigures): Recommendation | null {
  if (r.count < RATING_MIN_COUNT || r.average === null || r.average >= RATING_MIN_AVERAGE) return null;
  const average = Math.round(r.average * 100) / 100;
  const previous = r.previousAverage === null ? null : Math.round(r.previousAverage * 100) / 100;
  return {
    key: 'ratingLow',
    severity: 'warning',
    values: { average, count: r.count },
    figures: [card('averageRating', 'rating', average, previous), card('ratings', 'count', r.count)],
  };
}

export interface RefundFigures {
  moneyIn: number;
  refunds: number;
  refundCount: number;
}

export function refundsHigh(r: RefundFigures): Recommendation | null {
  if (r.moneyIn <= 0 || r.refundCount < REFUND_MIN_COUNT) return null;
  const share = r.refunds / r.moneyIn;
  if (share <= REFUND_SHARE_MAX) return null;
  return {
    key: 'refundsHigh',
    severity: 'warning',
    values: { share: pct(share), refunds: r.refundCount },
    figures: [
      card('refunds', 'money', r.refunds),
      card('moneyIn', 'money', r.moneyIn),
      card('refundShare', 'percent', pct(share)),
    ],
  };
}

export interface CapacityFigures {
  shop: string;
  shopName: string;
  /** slots a week x places per slot */
  weeklyCapacity: number;
  /** the forecast week with the most bookings */
  week: string;
  forecast: number;
}

export function capacityShort(c: CapacityFigures): Recommendation | null {
  if (c.weeklyCapacity <= 0) return null;
  // judged on the forecast as shown (to 0.1 booking), so a flat 9 is 9, not 8.999...
  const forecast = Math.round(c.forecast * 10) / 10;
  const share = forecast / c.weeklyCapacity;
  if (share < CAPACITY_WARN_SHARE) return null;
  return {
    key: 'capacityShort',
    severity: share > 1 ? 'critical' : 'warning',
    values: { shop: c.shopName, week: c.week, forecast, capacity: c.weeklyCapacity, share: pct(share) },
    figures: [
      card('forecastBookings', 'count', forecast),
      card('weeklyCapacity', 'count', c.weeklyCapacity),
      card('capacityShare', 'percent', pct(share)),
    ],
  };
}

export { FUNNEL_STEPS };

/** The step losing the most visits (lowest conversion from the step before) under the threshold. */
export function funnelDrop(visits: Record<string, number>): Recommendation | null {
  let worst: { step: string; from: string; conversion: number; before: number; after: number } | null = null;
  for (let i = 1; i < FUNNEL_STEPS.length; i++) {
    const from = FUNNEL_STEPS[i - 1]!;
    const step = FUNNEL_STEPS[i]!;
    const before = visits[from] ?? 0;
    const after = visits[step] ?? 0;
    if (before < FUNNEL_MIN_VISITS) continue;
    const conversion = after / before;
    if (conversion < FUNNEL_MIN_CONVERSION && (!worst || conversion < worst.conversion)) {
      worst = { step, from, conversion, before, after };
    }
  }
  if (!worst) return null;
  return {
    key: 'funnelDrop',
    severity: 'warning',
    values: { step: worst.step, from: worst.from, conversion: pct(worst.conversion) },
    figures: [
      card('visitsBefore', 'count', worst.before),
      card('visitsAfter', 'count', worst.after),
      card('conversion', 'percent', pct(worst.conversion)),
    ],
  };
}
