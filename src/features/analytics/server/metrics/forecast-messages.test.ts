/**
 * Every label the forecasts and recommendations answer with has its en-GB message, and every
 * recommendation's ICU text fills from the values its rule produces.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import messages from '../../../../../messages/en-GB.json';
import { buildForecastResult } from './forecast-weekly';
import {
  capacityShort,
  funnelDrop,
  overdueOrders,
  ratingLow,
  refundsHigh,
  repairTypeUp,
} from './recommendation-rules';
import type { AnalyticsScope } from '../scope';
import type { Recommendation } from '../../metrics';

const scope: AnalyticsScope = {
  from: new Date('2026-01-01T00:00:00Z'),
  to: new Date('2026-02-01T00:00:00Z'),
  rangeFrom: '2026-01-01',
  rangeTo: '2026-01-31',
  compare: 'none',
  compareFrom: null,
  compareTo: null,
  compareRangeFrom: null,
  compareRangeTo: null,
  shopSlugs: null,
  interval: 'week',
  timeZone: 'Europe/London',
  currency: 'GBP',
  now: new Date('2026-02-04T12:00:00Z'),
};

const fired: Recommendation[] = [
  ...repairTypeUp([{ repair: 'battery', name: 'Battery', current: 13, previous: 10 }]),
  overdueOrders({ open: 7, overdue: 2, oldestHours: 30 })!,
  ratingLow({ count: 6, average: 3.5, previousAverage: 4.2 })!,
  refundsHigh({ moneyIn: 10_000, refunds: 2_000, refundCount: 3 })!,
  capacityShort({
    shop: 'london',
    shopName: 'London',
    weeklyCapacity: 40,
    week: '2026-02-09',
    forecast: 44,
  })!,
  funnelDrop({ start: 100, device: 30, repairs: 29, service: 29, details: 29, submit: 29, booked: 29 })!,
];

describe('forecast and recommendation messages', () => {
  const t = createTranslator({ locale: 'en-GB', messages, namespace: 'analytics' });

  it('has a title, description, card and column labels for each metric', () => {
    const series = { weeks: ['2026-01-26'], values: [3], currentWeek: '2026-02-02' };
    for (const result of [
      buildForecastResult('bookingsForecast', 'count', scope, series, true),
      buildForecastResult('revenueForecast', 'money', scope, series, false),
    ]) {
      expect(t(`metrics.${result.metric}.title` as never)).not.toContain('metrics.');
      for (const c of result.cards)
        expect(messages.analytics.metrics[result.metric as 'bookingsForecast'].cards).toHaveProperty(c.key);
      for (const c of result.table.columns)
        expect(messages.analytics.metrics[result.metric as 'bookingsForecast'].columns).toHaveProperty(c.key);
      for (const n of result.notes) expect(messages.analytics.notes).toHaveProperty(n);
    }
    const rec = messages.analytics.metrics.recommendations;
    for (const r of fired) for (const f of r.figures) expect(rec.cards).toHaveProperty(f.key);
    for (const key of ['forecastNoSeasonality', 'forecastSeasonal', 'noRecommendations', 'tooLittleHistory'])
      expect(messages.analytics.notes).toHaveProperty(key);
  });

  it('fills every recommendation text from its values', () => {
    expect(fired).toHaveLength(6);
    const text = fired.map((r) => t(`recommendations.${r.key}` as never, r.values as never));
    expect(text).toEqual([
      'Battery repairs up 30% on the previous period (10 to 13 orders): stock parts.',
      '2 orders are past the status time limit (7 open; the longest 30 hours in its status): move them on or tell the customers.',
      'Average rating 3.5 from 6 ratings, below 4: read the comments and follow up.',
      'Refunds are 20% of money in (3 refunds): check what is being redone.',
      'London may be full in the week of 2026-02-09: 44 bookings forecast for 40 places (110%): add slots or staff.',
      'Only 30% of visits go on from “start” to “device” in the booking form: look at that step.',
    ]);
    expect(
      capacityShort({ shop: 'x', shopName: 'X', weeklyCapacity: 40, week: 'w', forecast: 44 })!.severity,
    ).toBe('critical');
  });
});
