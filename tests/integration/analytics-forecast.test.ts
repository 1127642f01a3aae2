/**
 * Forecasts and recommendations on a fixed history (analytics-forecast-history.ts), on PGlite
 * and PostgreSQL: the weekly actuals equal hand counts, too little history gives the note and
 * no forecast rows, and each recommendation fires on data made to trigger it and not on data
 * just under its threshold, with hand-computed figures. Each case lives in its own stretch of
 * time (its own range and "now"), so the cases do not see each other's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// first: zod 4 gives `.openapi` only to schemas made after this is loaded, and the metric
// schemas imported below are made on import (the app's routes call `.openapi` on them)
import '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { shops } from '@/server/db/schema';
import type { MetricResult } from '@/features/analytics/metrics';
import { MetricResultSchema } from '@/features/analytics/metrics';
import { METRICS } from '@/features/analytics/server/registry';
import { BACKENDS, startApp, type TestApp } from './harness';
import {
  addBookings,
  addFunnel,
  addOrder,
  addPayment,
  addRatings,
  plusDays,
  scopeOf,
} from './analytics-forecast-history';

const rec = (r: MetricResult, key: string) => r.recommendations?.find((x) => x.key === key);

describe.each(BACKENDS)('forecasts and recommendations on $name', (backend) => {
  let app: TestApp;
  const db = () => app.handle.db;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('bookingsForecast', () => {
    // ten complete weeks before "now" (Wednesday 2026-03-04; its week starts Monday 2026-03-02)
    const weeks = Array.from({ length: 10 }, (_, i) => plusDays('2025-12-22', 7 * i));
    const counts = [2, 3, 1, 0, 4, 2, 3, 5, 2, 3];
    const now = '2026-03-04T12:00:00Z';

    beforeAll(async () => {
      for (const [i, week] of weeks.entries()) {
        // spread over the week: Monday morning, and Sunday 23:30 (still the same week in London)
        for (let k = 0; k < counts[i]!; k++) {
          await addBookings(db(), 'london', k % 2 ? `${plusDays(week, 6)}T23:30:00Z` : `${week}T09:00:00Z`);
        }
      }
      await addBookings(db(), 'manchester', `${weeks[3]}T10:00:00Z`, 2);
      await addBookings(db(), null, `${weeks[5]}T10:00:00Z`);
      // the current week is still filling up: not history
      await addBookings(db(), 'london', '2026-03-03T10:00:00Z', 4);
    });

    it('has the hand-counted weekly actuals and an 80% band for the next 8 weeks', async () => {
      const r = await METRICS.bookingsForecast(db(), scopeOf('2026-02-02', '2026-03-01', { now }));
      expect(MetricResultSchema.parse(r)).toBeTruthy();
      const history = r.table.rows.filter((row) => row.actual !== null);
      expect(history.map((row) => row.week)).toEqual(weeks);
      expect(history.map((row) => row.actual)).toEqual(counts);
      const ahead = r.table.rows.filter((row) => row.actual === null);
      expect(ahead.map((row) => row.week)).toEqual(
        Array.from({ length: 8 }, (_, i) => plusDays('2026-03-02', 7 * i)),
      );
      for (const row of ahead) {
        expect(row.lower as number).toBeLessThanOrEqual(row.forecast as number);
        expect(row.upper as number).toBeGreaterThanOrEqual(row.forecast as number);
        expect(row.lower as number).toBeGreaterThanOrEqual(0);
      }
      const cards = Object.fromEntries(r.cards.map((c) => [c.key, c]));
      expect(cards.weeksSeen!.value).toBe(10);
      expect(cards.lastWeek!.value).toBe(3);
      expect(cards.lastWeek!.previous).toBe(2);
      expect(cards.nextWeek!.value).toBe(ahead[0]!.forecast);
      // the backtest needs 8 weeks before the 8 it checks: 10 weeks are not enough
      expect(cards.mape!.value).toBeNull();
      expect(r.notes).toEqual(['forecastNoSeasonality']);
      expect(r.chart).toEqual({
        kind: 'line',
        x: 'week',
        series: ['actual', 'forecast'],
        band: { lower: 'lower', upper: 'upper' },
      });
    });

    it('counts every shop and the mail-ins for the whole business', async () => {
      const r = await METRICS.bookingsForecast(
        db(),
        scopeOf('2026-02-02', '2026-03-01', { now, shops: null }),
      );
      const history = r.table.rows.filter((row) => row.actual !== null);
      const expected = counts.map((c, i) => c + (i === 3 ? 2 : 0) + (i === 5 ? 1 : 0));
      expect(history.map((row) => row.actual)).toEqual(expected);
    });

    it('counts weeks in the scope time zone', async () => {
      // in Berlin (UTC+1) Sunday 23:30 UTC is already Monday: those bookings move a week on
      const r = await METRICS.bookingsForecast(
        db(),
        scopeOf('2026-02-02', '2026-03-01', { now, timeZone: 'Europe/Berlin' }),
      );
      const history = r.table.rows.filter((row) => row.actual !== null);
      const sundays = counts.map((c) => Math.floor(c / 2));
      const expected = weeks.map((_, i) => counts[i]! - sundays[i]! + (i > 0 ? sundays[i - 1]! : 0));
      // the last week's Sunday bookings fall into the current (Berlin) week: not history
      expect(history.map((row) => row.actual)).toEqual(expected);
    });
  });

  describe('bookingsForecast with two years of weeks', () => {
    // London, 2040-2042: a yearly swing of +-4 bookings round 10 a week (far from the other cases)
    const first = '2040-01-02'; // a Monday
    const weekly = Array.from(
      { length: 104 },
      (_, i) => 10 + Math.round(4 * Math.sin((2 * Math.PI * i) / 52)),
    );
    const now = `${plusDays(first, 7 * 104 + 2)}T12:00:00Z`;

    beforeAll(async () => {
      for (const [i, n] of weekly.entries())
        await addBookings(db(), 'london', `${plusDays(first, 7 * i)}T10:00:00Z`, n);
    });

    it('uses the seasonal model, says so, and reports its backtest error', async () => {
      const r = await METRICS.bookingsForecast(
        db(),
        scopeOf(plusDays(first, 7 * 100), plusDays(first, 7 * 104 - 1), { now }),
      );
      expect(r.notes).toEqual(['forecastSeasonal']);
      const cards = Object.fromEntries(r.cards.map((c) => [c.key, c.value]));
      expect(cards.weeksSeen).toBe(104);
      expect(cards.lastWeek).toBe(weekly[103]);
      expect(cards.mape).toBeGreaterThanOrEqual(0);
      expect(cards.mape).toBeLessThan(0.5);
      const history = r.table.rows.filter((row) => row.actual !== null);
      // the range's four weeks, but at least the last 12
      expect(history.map((row) => row.actual)).toEqual(weekly.slice(-12));
      const ahead = r.table.rows.filter((row) => row.actual === null);
      expect(ahead).toHaveLength(8);
      // a year on from the same weeks: the season's rise (weeks 0-7 of the cycle) comes back
      expect(ahead.at(-1)!.forecast as number).toBeGreaterThan(ahead[0]!.forecast as number);
    });
  });

  describe('revenueForecast', () => {
    const now = '2024-03-06T12:00:00Z'; // its week starts Monday 2024-03-04
    beforeAll(async () => {
      const a = await addOrder(db(), { shop: 'london', createdAt: '2024-02-01T09:00:00Z' });
      await addPayment(db(), a, { amount: 10_000, succeededAt: '2024-02-06T10:00:00Z' });
      const b = await addOrder(db(), { shop: 'london', createdAt: '2024-02-01T09:00:00Z' });
      await addPayment(db(), b, {
        amount: 5_000,
        succeededAt: '2024-02-07T10:00:00Z',
        status: 'refunded',
        refunds: [
          { amount: 5_000, at: '2024-02-13T10:00:00Z' },
          { amount: 1_000, at: '2024-02-13T11:00:00Z', status: 'failed' },
        ],
      });
      await addPayment(db(), b, { amount: 7_000, succeededAt: null, status: 'pending' });
      const c = await addOrder(db(), { shop: 'manchester', createdAt: '2024-02-01T09:00:00Z' });
      await addPayment(db(), c, { amount: 99_000, succeededAt: '2024-02-06T10:00:00Z' });
      const d = await addOrder(db(), { shop: 'london', createdAt: '2024-02-20T09:00:00Z' });
      await addPayment(db(), d, {
        amount: 2_500,
        succeededAt: '2024-02-29T10:00:00Z',
        status: 'partially_refunded',
      });
    });

    it('has net money in per week and, below 8 weeks, the note and no forecast rows', async () => {
      const r = await METRICS.revenueForecast(db(), scopeOf('2024-02-05', '2024-03-03', { now }));
      expect(MetricResultSchema.parse(r)).toBeTruthy();
      expect(r.table.rows).toEqual([
        { week: '2024-02-05', actual: 15_000, forecast: null, lower: null, upper: null },
        { week: '2024-02-12', actual: -5_000, forecast: null, lower: null, upper: null },
        { week: '2024-02-19', actual: 0, forecast: null, lower: null, upper: null },
        { week: '2024-02-26', actual: 2_500, forecast: null, lower: null, upper: null },
      ]);
      expect(r.notes).toEqual(['tooLittleHistory']);
      const cards = Object.fromEntries(r.cards.map((c) => [c.key, c.value]));
      expect(cards).toMatchObject({
        weeksSeen: 4,
        lastWeek: 2_500,
        nextWeek: null,
        nextWeeks: null,
        mape: null,
      });
    });
  });

  describe('recommendations', () => {
    it('repairTypeUp: +50% battery fires, +25% screen and too few charging ports do not', async () => {
      const jan = (d: number) => `2023-01-${String(d).padStart(2, '0')}T10:00:00Z`;
      const dec = (d: number) => `2022-12-${String(d).padStart(2, '0')}T10:00:00Z`;
      const orders = (n: number, at: (i: number) => string, repairs: string[], extra = {}) =>
        Promise.all(
          Array.from({ length: n }, (_, i) =>
            addOrder(db(), { shop: 'london', createdAt: at(i + 1), repairs, ...extra }),
          ),
        );
      await orders(4, dec, ['battery']);
      await orders(6, jan, ['battery']);
      await orders(4, dec, ['screen-crack']);
      await orders(5, jan, ['screen-crack']);
      await orders(1, dec, ['charging-port']);
      await orders(4, jan, ['charging-port']);
      // not counted: cancelled, and another shop
      await orders(2, jan, ['screen-crack'], { status: 'cancelled' });
      await addOrder(db(), { shop: 'manchester', createdAt: jan(3), repairs: ['screen-crack'] });

      const r = await METRICS.recommendations(
        db(),
        scopeOf('2023-01-01', '2023-01-31', { compare: ['2022-12-01', '2022-12-31'], timeZone: 'UTC' }),
      );
      expect(MetricResultSchema.parse(r)).toBeTruthy();
      const ups = r.recommendations!.filter((x) => x.key === 'repairTypeUp');
      expect(ups).toHaveLength(1);
      expect(ups[0]!.values).toMatchObject({ change: 0.5, count: 6, previous: 4 });
      expect(ups[0]!.figures[0]).toMatchObject({ key: 'orders', value: 6, previous: 4, change: 0.5 });
      expect(r.table.rows).toContainEqual({
        key: 'repairTypeUp',
        severity: 'info',
        figures: 'orders: 6 (previous 4)',
      });
    });

    it('ratingLow: an average of 3.8 from 5 ratings fires; 4.0, or too few ratings, do not', async () => {
      await addRatings(db(), 'london', '2023-02-10T10:00:00Z', [5, 5]);
      await addRatings(db(), 'london', '2023-03-10T10:00:00Z', [5, 4, 3, 3, 4]);
      await addRatings(db(), 'manchester', '2023-03-10T10:00:00Z', [1, 1, 1, 1, 1]);
      await addRatings(db(), 'london', '2023-04-10T10:00:00Z', [4, 4, 4, 4, 4]);
      await addRatings(db(), 'london', '2023-05-10T10:00:00Z', [2, 2, 2, 2]);
      const march = await METRICS.recommendations(
        db(),
        scopeOf('2023-03-01', '2023-03-31', { compare: ['2023-02-01', '2023-02-28'], timeZone: 'UTC' }),
      );
      const low = rec(march, 'ratingLow')!;
      expect(low).toMatchObject({ severity: 'warning', values: { average: 3.8, count: 5 } });
      expect(low.figures).toEqual([
        { key: 'averageRating', unit: 'rating', value: 3.8, previous: 5, change: (3.8 - 5) / 5 },
        { key: 'ratings', unit: 'count', value: 5, previous: null, change: null },
      ]);
      const april = await METRICS.recommendations(
        db(),
        scopeOf('2023-04-01', '2023-04-30', { timeZone: 'UTC' }),
      );
      expect(rec(april, 'ratingLow')).toBeUndefined();
      const may = await METRICS.recommendations(
        db(),
        scopeOf('2023-05-01', '2023-05-31', { timeZone: 'UTC' }),
      );
      expect(rec(may, 'ratingLow')).toBeUndefined();
    });

    it('refundsHigh: 12.5% of money in fires; exactly 10% does not', async () => {
      for (const [month, refunds] of [
        ['06', [1_500, 1_000]],
        ['07', [1_000, 1_000]],
      ] as const) {
        const at = `2023-${month}-10T10:00:00Z`;
        const a = await addOrder(db(), { shop: 'london', createdAt: at });
        await addPayment(db(), a, {
          amount: 10_000,
          succeededAt: at,
          status: 'partially_refunded',
          refunds: [{ amount: refunds[0], at: `2023-${month}-12T10:00:00Z` }],
        });
        const b = await addOrder(db(), { shop: 'london', createdAt: at });
        await addPayment(db(), b, {
          amount: 10_000,
          succeededAt: at,
          status: 'partially_refunded',
          refunds: [{ amount: refunds[1], at: `2023-${month}-14T10:00:00Z` }],
        });
      }
      const june = await METRICS.recommendations(
        db(),
        scopeOf('2023-06-01', '2023-06-30', { timeZone: 'UTC' }),
      );
      const high = rec(june, 'refundsHigh')!;
      expect(high.values).toEqual({ share: 0.125, refunds: 2 });
      expect(high.figures.map((f) => [f.key, f.value])).toEqual([
        ['refunds', 2_500],
        ['moneyIn', 20_000],
        ['refundShare', 0.125],
      ]);
      const july = await METRICS.recommendations(
        db(),
        scopeOf('2023-07-01', '2023-07-31', { timeZone: 'UTC' }),
      );
      expect(rec(july, 'refundsHigh')).toBeUndefined();
    });

    it('funnelDrop: 9 of 20 visits going on fires at that step; 10 of 20 does not', async () => {
      await addFunnel(db(), 'london', '2023-08-10T10:00:00Z', { start: 20, device: 9, repairs: 9 });
      await addFunnel(db(), 'london', '2023-09-10T10:00:00Z', { start: 20, device: 10, repairs: 10 });
      const aug = await METRICS.recommendations(
        db(),
        scopeOf('2023-08-01', '2023-08-31', { timeZone: 'UTC' }),
      );
      const drop = rec(aug, 'funnelDrop')!;
      expect(drop.values).toEqual({ step: 'device', from: 'start', conversion: 0.45 });
      expect(drop.figures.map((f) => f.value)).toEqual([20, 9, 0.45]);
      const sep = await METRICS.recommendations(
        db(),
        scopeOf('2023-09-01', '2023-09-30', { timeZone: 'UTC' }),
      );
      expect(rec(sep, 'funnelDrop')).toBeUndefined();
      // another shop's manager never sees London's funnel
      const other = await METRICS.recommendations(
        db(),
        scopeOf('2023-08-01', '2023-08-31', { timeZone: 'UTC', shops: ['manchester'] }),
      );
      expect(rec(other, 'funnelDrop')).toBeUndefined();
    });

    it('overdueOrders: an order past its status limit fires; one exactly at it does not', async () => {
      // received has a 24 h limit; repairing 72 h. All other test orders are collected.
      const entered = '2025-06-01T10:00:00Z';
      await addOrder(db(), {
        shop: 'london',
        createdAt: entered,
        status: 'received',
        statusEnteredAt: entered,
      });
      await addOrder(db(), {
        shop: 'london',
        createdAt: entered,
        status: 'repairing',
        statusEnteredAt: entered,
      });
      await addOrder(db(), {
        shop: 'london',
        createdAt: entered,
        status: 'ready_for_collection',
        statusEnteredAt: entered,
      });
      const at = (now: string) =>
        METRICS.recommendations(db(), scopeOf('2025-06-01', '2025-06-02', { now, timeZone: 'UTC' }));
      expect(rec(await at('2025-06-02T10:00:00Z'), 'overdueOrders')).toBeUndefined();
      const late = rec(await at('2025-06-02T10:30:00Z'), 'overdueOrders')!;
      expect(late).toMatchObject({ severity: 'warning', values: { overdue: 1, open: 3, oldestHours: 24.5 } });
      const both = rec(await at('2025-06-04T12:00:00Z'), 'overdueOrders')!;
      expect(both.values).toEqual({ overdue: 2, open: 3, oldestHours: 74 });
      const elsewhere = await METRICS.recommendations(
        db(),
        scopeOf('2025-06-01', '2025-06-02', {
          now: '2025-06-04T12:00:00Z',
          shops: ['manchester'],
          timeZone: 'UTC',
        }),
      );
      expect(rec(elsewhere, 'overdueOrders')).toBeUndefined();
    });

    it('capacityShort: 9 forecast bookings a week on 10 places fires; 8 do not', async () => {
      // Manchester: Mondays 09:00-14:00, 60-minute slots, 2 places: 10 places a week
      await db()
        .update(shops)
        .set({
          openingHours: { mon: [{ open: '09:00', close: '14:00' }] },
          slotMinutes: 60,
          capacityPerSlot: 2,
        })
        .where(eq(shops.slug, 'manchester'));
      // two stretches of ten weeks, more than three years apart (the history window)
      for (const [start, perWeek] of [
        ['2030-03-25', 9],
        ['2034-03-27', 8],
      ] as const) {
        for (let i = 0; i < 10; i++)
          await addBookings(db(), 'manchester', `${plusDays(start, 7 * i)}T10:00:00Z`, perWeek);
      }
      const scope = (now: string) =>
        scopeOf('2030-05-01', '2030-05-31', { now, shops: ['manchester'], timeZone: 'UTC' });
      const busy = await METRICS.recommendations(db(), scope('2030-06-05T12:00:00Z'));
      const short = rec(busy, 'capacityShort')!;
      expect(short).toMatchObject({ severity: 'warning', values: { forecast: 9, capacity: 10, share: 0.9 } });
      expect(short.figures.map((f) => [f.key, f.value])).toEqual([
        ['forecastBookings', 9],
        ['weeklyCapacity', 10],
        ['capacityShare', 0.9],
      ]);
      const calm = await METRICS.recommendations(db(), scope('2034-06-07T12:00:00Z'));
      expect(rec(calm, 'capacityShort')).toBeUndefined();
    });
  });
});
