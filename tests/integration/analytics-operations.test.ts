/**
 * The workshop metrics (turnaround, stageTimes, technicians, queue, funnel, topModels,
 * partsUsed) on the fixed history of analytics-ops-history.ts, every figure computed by hand in
 * the comments, on PGlite and on PostgreSQL. Percentiles are PostgreSQL's percentile_cont
 * (linear): for n sorted values v0..v(n-1), p at position p * (n - 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startApp, type TestApp } from './harness';
import { scopeFor, writeOpsHistory } from './analytics-ops-history';
import { METRICS } from '@/features/analytics/server/registry';
import { MetricResultSchema, type MetricCard, type MetricResult } from '@/features/analytics/metrics';
import type { Db } from '@/server/db/client';
import messages from '../../messages/en-GB.json';

/** a message by its dotted key, or undefined */
const message = (key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

const LONDON = { shops: ['london'] };

/** the cards as { key: [value, previous] } */
const cards = (r: MetricResult) =>
  Object.fromEntries(r.cards.map((c: MetricCard) => [c.key, [c.value, c.previous]]));

/** The seven days from the date `from` (YYYY-MM-DD), without a comparison, as of 1 December 2025. */
function weekScope(from: string) {
  const start = new Date(`${from}T00:00:00.000Z`);
  const day = (n: number) => new Date(start.getTime() + n * 86_400_000);
  return {
    ...scopeFor({ compare: 'none' }),
    from: start,
    to: day(7),
    rangeFrom: from,
    rangeTo: day(6).toISOString().slice(0, 10),
    now: new Date('2025-12-01T00:00:00.000Z'),
  };
}

const close = (actual: unknown, expected: number) => expect(actual as number).toBeCloseTo(expected, 6);

describe.each(BACKENDS)('workshop metrics on $name', (backend) => {
  let app: TestApp;
  let db: Db;

  beforeAll(async () => {
    app = await startApp(backend);
    db = app.handle.db as Db;
    await writeOpsHistory(app.handle.db);
  }, 120_000);
  afterAll(() => app.close());

  const run = async (metric: keyof typeof METRICS, opts: Parameters<typeof scopeFor>[0] = {}) => {
    const result = await METRICS[metric](db, scopeFor(opts));
    // every answer keeps the contract's shape
    expect(MetricResultSchema.parse(result)).toEqual(result);
    expect(result.metric).toBe(metric);
    // every label the dashboard and the exports look up exists
    const base = `analytics.metrics.${metric}`;
    const keys = [
      `${base}.title`,
      `${base}.description`,
      ...result.cards.map((c) => `${base}.cards.${c.key}`),
      ...result.table.columns.map((c) => `${base}.columns.${c.key}`),
      ...result.notes.map((n) => `analytics.notes.${n}`),
    ];
    for (const key of keys) expect(typeof message(key), key).toBe('string');
    return result;
  };

  it('turnaround: received to first ready and to collected, per repair type, with the previous range', async () => {
    const r = await run('turnaround');
    // collected 3-16 Feb: L1 (ready 10 h, collected 24 h), L2 (20, 30), L3 (first ready 40, 60),
    // M1 (6, 8), M2 (12, 14). Ready sorted 6,10,12,20,40: median 12; p80 at 3.2: 20 + 0.2*20 = 24.
    // Collected sorted 8,14,24,30,60: median 24. Previous range: P1 only (30 h, 48 h).
    expect(cards(r)).toEqual({
      orders: [5, 1],
      medianHours: [12, 30],
      p80Hours: [24, 30],
      medianCollectedHours: [24, 48],
    });
    // (12 - 30) / 30 = -0.6
    close(r.cards.find((c) => c.key === 'medianHours')!.change, -0.6);
    // screen (L1, L3, M1): ready 6,10,40: median 10, p80 at 1.6: 10 + 0.6*30 = 28;
    //   collected 8,24,60: median 24, p80 24 + 0.6*36 = 45.6
    // battery (L2, M2): ready 12,20: median 16, p80 at 0.8: 12 + 0.8*8 = 18.4;
    //   collected 14,30: median 22, p80 14 + 0.8*16 = 26.8
    expect(r.table.rows).toEqual([
      {
        repairType: 'Cracked or broken screen',
        orders: 3,
        medianReadyHours: 10,
        p80ReadyHours: 28,
        medianCollectedHours: 24,
        p80CollectedHours: 45.6,
      },
      {
        repairType: 'Battery replacement',
        orders: 2,
        medianReadyHours: 16,
        p80ReadyHours: 18.4,
        medianCollectedHours: 22,
        p80CollectedHours: 26.8,
      },
    ]);
    expect(r.chart).toEqual({ kind: 'bar', x: 'repairType', series: ['medianReadyHours', 'p80ReadyHours'] });
    expect(r.notes).toEqual([]);
  });

  it('turnaround for London only, and without a comparison', async () => {
    const r = await run('turnaround', { ...LONDON, compare: 'none' });
    // L1, L2, L3: ready 10,20,40: median 20, p80 at 1.6: 20 + 0.6*20 = 32; collected 24,30,60: 30
    expect(cards(r)).toEqual({
      orders: [3, null],
      medianHours: [20, null],
      p80Hours: [32, null],
      medianCollectedHours: [30, null],
    });
    expect(r.compareRange).toBeNull();
    expect(r.shops).toEqual(['london']);
    expect(r.table.rows.map((row) => [row.repairType, row.orders])).toEqual([
      ['Cracked or broken screen', 2],
      ['Battery replacement', 1],
    ]);
  });

  it('stageTimes: each stay in a status that ended in the range', async () => {
    const r = await run('stageTimes');
    // booked (made -> received): L1 24, L2 24, L3 24, M1 12, M2 48, L5 24, L6 12, LC 24:
    //   sorted 12,12,24,24,24,24,24,48: median 24, p80 at 5.6: 24
    // received: L1 2, L2 4, L3 5, M1 1, M2 2, LC 24 (cancelled): 1,2,2,4,5,24: median 3, p80 at 4: 5
    //   (L6's stay in received ends on 19 Feb, after the range)
    // repairing: L1 8, L2 16, L3 35 and 5 (sent back), M1 5, M2 10: 5,5,8,10,16,35: median 9, p80 16
    // ready: L1 14, L2 10, L3 5 and 10, M1 2, M2 2: 2,2,5,10,10,14: median 7.5, p80 10
    expect(r.table.rows).toEqual([
      { status: 'booked', stays: 8, medianHours: 24, p80Hours: 24 },
      { status: 'received', stays: 6, medianHours: 3, p80Hours: 5 },
      { status: 'repairing', stays: 6, medianHours: 9, p80Hours: 16 },
      { status: 'ready_for_collection', stays: 6, medianHours: 7.5, p80Hours: 10 },
    ]);
    // 8 + 6 + 6 + 6 = 26; previous range: P1's four stays
    expect(cards(r)).toEqual({ stays: [26, 4] });
    expect(r.chart?.kind).toBe('bar');
  });

  it('stageTimes for London only', async () => {
    const r = await run('stageTimes', LONDON);
    // booked: L1, L2, L3, L5, LC 24 and L6 12: median 24, p80 24
    // received: L1 2, L2 4, L3 5, LC 24: median 4.5, p80 at 2.4: 5 + 0.4*19 = 12.6
    expect(r.table.rows.slice(0, 2)).toEqual([
      { status: 'booked', stays: 6, medianHours: 24, p80Hours: 24 },
      { status: 'received', stays: 4, medianHours: 4.5, p80Hours: 12.6 },
    ]);
    // + repairing L1, L2, L3 x2 (4) + ready L1, L2, L3 x2 (4) = 18
    expect(cards(r).stays).toEqual([18, 4]);
  });

  it('technicians: throughput, median turnaround and first-time-fix rate', async () => {
    const r = await run('technicians');
    // Ada: L1, L2, L3 over 14 days = 2 weeks: 1.5 a week; ready 10,20,40: median 20.
    //   L2's IMEI came back (L5, made 10 Feb, before its warranty end): 2 of 3 fixed first time.
    //   L3's customer came back with another model (L6): not a return.
    // Bo: M1, M2: 1 a week; ready 6,12: median 9. M1 has no warranty end (not judged); M2's IMEI
    //   came back (M3, 17 Feb) after its warranty ended (15 Feb): 1 of 1.
    expect(r.table.rows).toEqual([
      { technician: 'Ada Lovelace', orders: 3, perWeek: 1.5, medianHours: 20, firstTimeFixRate: 2 / 3 },
      { technician: 'Bo Diddley', orders: 2, perWeek: 1, medianHours: 9, firstTimeFixRate: 1 },
    ]);
    // 5 orders (previous: P1, Ada's, fixed); (2 + 1) / (3 + 1) = 0.75 (previous 1 / 1)
    expect(cards(r)).toEqual({ orders: [5, 1], firstTimeFixRate: [0.75, 1] });
    // Ada's warranties run to May (after now): the rate may still fall; M1 could not be judged
    expect(r.notes).toEqual(['operations.warrantyStillRunning', 'operations.noWarrantyNotJudged']);
  });

  it('technicians: a return without IMEIs is found by the same customer and model', async () => {
    // 1-7 June: J1 only (Ada, ready after 10 h); J2 (same customer and model, 20 June, within
    // J1's warranty) is its return, so 0 of 1 fixed first time
    const r = await METRICS.technicians(db, weekScope('2025-06-01'));
    expect(r.table.rows).toEqual([
      { technician: 'Ada Lovelace', orders: 1, perWeek: 1, medianHours: 10, firstTimeFixRate: 0 },
    ]);
    expect(cards(r)).toEqual({ orders: [1, null], firstTimeFixRate: [0, null] });
  });

  it('technicians: a return without an IMEI is found by customer and model when the first had one', async () => {
    // 1-7 August: K1 only (Ada, IMEI, ready after 8 h); K2 (same customer and model, no IMEI,
    // 20 August, within K1's warranty) is its return, so 0 of 1 fixed first time
    const r = await METRICS.technicians(db, weekScope('2025-08-01'));
    expect(r.table.rows).toEqual([
      { technician: 'Ada Lovelace', orders: 1, perWeek: 1, medianHours: 8, firstTimeFixRate: 0 },
    ]);
  });

  it('technicians for London only: no Manchester technician', async () => {
    const r = await run('technicians', LONDON);
    expect(r.table.rows.map((row) => row.technician)).toEqual(['Ada Lovelace']);
    expect(cards(r)).toEqual({ orders: [3, 1], firstTimeFixRate: [2 / 3, 1] });
    expect(r.notes).toEqual(['operations.warrantyStillRunning']);
  });

  it('queue: open orders at now, per status, overdue and age buckets', async () => {
    const r = await run('queue');
    // now 20 Feb 12:00. Open: L5 received since 11 Feb 10:00 (9 d 2 h = 9.08 d; 218 h > 24: overdue),
    // L6 repairing (received 14 Feb 12:00: 6 d; 24 h in repairing, limit 72), L7 booked (made
    // 06:00 today: 0.25 d; booked has no limit), M3 diagnosing (received 18 Feb 12:00: 2 d;
    // exactly 48 h, limit 48: not past it), M4 quality check (received 19 Feb 00:00: 1.5 d;
    // 26 h > 24: overdue). Collected and cancelled orders are not in the queue.
    expect(cards(r)).toEqual({
      length: [5, null],
      oldestDays: [9.08, null],
      overdue: [2, null],
      ageUnder1Day: [1, null],
      age1to3Days: [2, null],
      age3to7Days: [1, null],
      ageOver7Days: [1, null],
    });
    expect(r.table.rows).toEqual([
      { status: 'booked', orders: 1, medianAgeDays: 0.25, overdue: 0 },
      { status: 'received', orders: 1, medianAgeDays: 9.08, overdue: 1 },
      { status: 'diagnosing', orders: 1, medianAgeDays: 2, overdue: 0 },
      { status: 'awaiting_approval', orders: 0, medianAgeDays: null, overdue: 0 },
      { status: 'repairing', orders: 1, medianAgeDays: 6, overdue: 0 },
      { status: 'quality_check', orders: 1, medianAgeDays: 1.5, overdue: 1 },
      { status: 'ready_for_collection', orders: 0, medianAgeDays: null, overdue: 0 },
    ]);
  });

  it("queue for London only: Manchester's orders never count", async () => {
    const r = await run('queue', LONDON);
    // L5, L6, L7
    expect(cards(r)).toMatchObject({
      length: [3, null],
      oldestDays: [9.08, null],
      overdue: [1, null],
      ageUnder1Day: [1, null],
      age1to3Days: [0, null],
      age3to7Days: [1, null],
      ageOver7Days: [1, null],
    });
    expect(r.table.rows.find((row) => row.status === 'quality_check')).toMatchObject({ orders: 0 });
  });

  it('funnel: distinct visits per step in order, conversion from the step before and from start', async () => {
    const r = await run('funnel');
    // v1 (London) and v4 (Manchester) all seven steps; v2 to repairs; v3 to device (twice: one
    // visit); v5 start and device without a shop. v6 starts after the range; v7 is in the
    // previous range (start and booked).
    expect(r.table.rows).toEqual([
      { step: 'start', visits: 5, fromPrevious: null, fromStart: 1 },
      { step: 'device', visits: 5, fromPrevious: 1, fromStart: 1 },
      { step: 'repairs', visits: 3, fromPrevious: 0.6, fromStart: 0.6 },
      { step: 'service', visits: 2, fromPrevious: 2 / 3, fromStart: 0.4 },
      { step: 'details', visits: 2, fromPrevious: 1, fromStart: 0.4 },
      { step: 'submit', visits: 2, fromPrevious: 1, fromStart: 0.4 },
      { step: 'booked', visits: 2, fromPrevious: 1, fromStart: 0.4 },
    ]);
    // 2 / 5 = 0.4; previous 1 / 1
    expect(cards(r)).toEqual({ starts: [5, 1], booked: [2, 1], conversion: [0.4, 1] });
    expect(r.chart).toEqual({ kind: 'funnel', x: 'step', series: ['visits'] });
    for (const row of r.table.rows)
      expect(typeof message(`analytics.metrics.funnel.steps.${row.step}`)).toBe('string');
    expect(r.notes).toEqual([]);
  });

  it("funnel for London only counts London's events and says that events without a shop are left out", async () => {
    const r = await run('funnel', LONDON);
    // v1, v2, v3: start 3, device 3, repairs 2 (v1, v2), then v1 alone
    expect(r.table.rows.map((row) => [row.step, row.visits])).toEqual([
      ['start', 3],
      ['device', 3],
      ['repairs', 2],
      ['service', 1],
      ['details', 1],
      ['submit', 1],
      ['booked', 1],
    ]);
    expect(cards(r)).toEqual({ starts: [3, 1], booked: [1, 1], conversion: [1 / 3, 1] });
    expect(r.notes).toEqual(['operations.funnelEventsWithoutShop']);
  });

  it('topModels: orders received in the range per model, with their share', async () => {
    const r = await run('topModels');
    // received 3-16 Feb, not cancelled: iPhone 15 L1, L2, M1, L5, L6 (5); Pixel 8 L3, M2 (2);
    // LC is cancelled, L7 never received, M3 and M4 after the range. Shares 5/7 and 2/7.
    expect(r.table.rows).toEqual([
      { model: 'iPhone 15', brand: 'Apple', orders: 5, share: 5 / 7 },
      { model: 'Pixel 8', brand: 'Google', orders: 2, share: 2 / 7 },
    ]);
    expect(cards(r)).toEqual({ orders: [7, 1], models: [2, 1] });
  });

  it('topModels for London only', async () => {
    const r = await run('topModels', LONDON);
    // iPhone 15 L1, L2, L5, L6; Pixel 8 L3: 4/5 and 1/5
    expect(r.table.rows).toEqual([
      { model: 'iPhone 15', brand: 'Apple', orders: 4, share: 0.8 },
      { model: 'Pixel 8', brand: 'Google', orders: 1, share: 0.2 },
    ]);
  });

  it('partsUsed: part lines and the parts of repair lines on orders collected in the range', async () => {
    const r = await run('partsUsed');
    // screen repairs L1 4000 + L3 5000 + M1 4000 = 13000 (3); battery L2 2000 + M2 1500 = 3500 (2);
    // part lines: adhesive L2 2 (300) + M2 1 (150) = 3, 450; screws L3 4, 200. L6's battery cell
    // is on an open order: not counted.
    expect(r.table.rows).toEqual([
      { source: 'repair', item: 'Cracked or broken screen', quantity: 3, cost: 13_000 },
      { source: 'repair', item: 'Battery replacement', quantity: 2, cost: 3_500 },
      { source: 'part', item: 'Adhesive strip', quantity: 3, cost: 450 },
      { source: 'part', item: 'Screw set', quantity: 4, cost: 200 },
    ]);
    // 13000 + 3500 + 450 + 200 = 17150 (previous: P1's screen, 4000); parts fitted 3 + 4 = 7
    expect(cards(r)).toEqual({ partsCost: [17_150, 4_000], partsFitted: [7, null] });
    close(r.cards[0]!.change, (17_150 - 4_000) / 4_000);
  });

  it('partsUsed for London only', async () => {
    const r = await run('partsUsed', LONDON);
    // screens L1 4000 + L3 5000; battery L2 2000; adhesive 2 (300); screws 4 (200): 11500
    expect(r.table.rows).toEqual([
      { source: 'repair', item: 'Cracked or broken screen', quantity: 2, cost: 9_000 },
      { source: 'repair', item: 'Battery replacement', quantity: 1, cost: 2_000 },
      { source: 'part', item: 'Adhesive strip', quantity: 2, cost: 300 },
      { source: 'part', item: 'Screw set', quantity: 4, cost: 200 },
    ]);
    expect(cards(r).partsCost).toEqual([11_500, 4_000]);
  });

  it('a shop with no orders gets zeros and empty tables, not errors', async () => {
    for (const metric of ['turnaround', 'technicians', 'topModels', 'partsUsed', 'stageTimes'] as const) {
      const r = await run(metric, { shops: ['nowhere'], compare: 'none' });
      expect(r.table.rows, metric).toEqual([]);
    }
    const t = await run('turnaround', { shops: [], compare: 'none' });
    expect(cards(t)).toEqual({
      orders: [0, null],
      medianHours: [null, null],
      p80Hours: [null, null],
      medianCollectedHours: [null, null],
    });
    expect(t.notes).toEqual(['operations.noCollectedOrders']);
  });
});
