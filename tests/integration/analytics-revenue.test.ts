/**
 * The money and customer metrics on a fixed history (analytics-revenue-history.ts), on PGlite
 * and PostgreSQL: every card and row against figures worked out by hand below. The range is
 * August 2026 in Europe/London (BST, UTC+1): 2026-07-31T23:00Z to 2026-08-31T23:00Z; the
 * comparison ("previous") is July 2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startApp, type TestApp } from './harness';
import { scopeFor, writeRevenueHistory } from './analytics-revenue-history';
import { MetricResultSchema, type MetricResult } from '@/features/analytics/metrics';
import { METRICS } from '@/features/analytics/server/registry';
import {
  revenueByRepair,
  revenueByShop,
  revenueSeries,
  revenueSummary,
} from '@/features/analytics/server/metrics/revenue';
import {
  customerSegments,
  customersSummary,
  satisfaction,
} from '@/features/analytics/server/metrics/customers';
import messages from '../../messages/en-GB.json';

interface MetricMessages {
  title: string;
  description: string;
  cards: Record<string, string>;
  columns: Record<string, string>;
}
const metricMessages = messages.analytics.metrics as unknown as Record<string, MetricMessages>;
const noteMessages = messages.analytics.notes as unknown as Record<string, string>;

const AUGUST = { from: '2026-08-01', to: '2026-08-31' };

/** cards as { key: [value, previous] } */
const cards = (r: MetricResult) => Object.fromEntries(r.cards.map((c) => [c.key, [c.value, c.previous]]));

describe.each(BACKENDS)('money and customer metrics on $name', (backend) => {
  let app: TestApp;
  let refs: Record<string, string>;

  beforeAll(async () => {
    app = await startApp(backend);
    refs = await writeRevenueHistory(app.handle.db);
  }, 120_000);
  afterAll(() => app.close());

  const run = async (fn: typeof revenueSummary, scope: ReturnType<typeof scopeFor>) => {
    const result = await fn(app.handle.db, scope);
    // every answer keeps the contract's shape
    expect(MetricResultSchema.parse(result)).toEqual(result);
    // and every label it needs is in the messages
    const m = metricMessages[result.metric]!;
    expect(m.title && m.description).toBeTruthy();
    for (const c of result.cards) expect(m.cards[c.key], `${result.metric} card ${c.key}`).toBeTruthy();
    for (const c of result.table.columns)
      expect(m.columns[c.key], `${result.metric} column ${c.key}`).toBeTruthy();
    for (const n of result.notes) expect(noteMessages[n], `note ${n}`).toBeTruthy();
    return result;
  };

  it('registers every metric of this item', () => {
    expect(METRICS.revenueSummary).toBe(revenueSummary);
    expect(METRICS.customersSummary).toBe(customersSummary);
    expect(METRICS.satisfaction).toBe(satisfaction);
  });

  it('revenueSummary: money in, refunds, net, orders, AOV, billed work and margin', async () => {
    const r = await run(revenueSummary, scopeFor(AUGUST));
    expect(r.range).toEqual({ from: '2026-08-01', to: '2026-08-31' });
    expect(r.compareRange).toEqual({ from: '2026-07-01', to: '2026-07-31' });
    // August money in: A2 10000 + B1 12000 (partially refunded still counts) + C1 8000 + C2 5000
    //   (its failed 4000 and pending 4500 do not) + E1 9000 (no shop) + J1 3000 (31 Jul 23:30 UTC
    //   is 1 Aug in London) = 47000; I1's 6000 at 31 Aug 23:30 UTC is 1 Sept: not counted.
    // orders paid: A2 B1 C1 C2 E1 J1 = 6
    // refunds: B1 3000 (its failed 1000 not) + F1 7000 (paid in July, refunded 2 Aug) = 10000
    // net 37000; AOV 37000 / 6 = 6166.67 -> 6167
    // billed (collected in August): A2 6000+1500+2500, B1 12000, C1 8000, E1 9000 = 39000 (I1 is
    //   collected 1 Sept in London); parts: A2 2000 + part line 1500, B1 5000, C1 3000, E1 3500
    //   = 15000; margin 24000; 24000 / 39000
    // July: money in F1 7000 + K1 11000 = 18000, 2 orders, no refunds, net 18000, AOV 9000;
    //   billed 7000 + 11000 = 18000, parts 2500 + 4500 = 7000, margin 11000, 11000 / 18000
    expect(cards(r)).toEqual({
      moneyIn: [47_000, 18_000],
      refunds: [10_000, 0],
      net: [37_000, 18_000],
      ordersPaid: [6, 2],
      averageOrderValue: [6_167, 9_000],
      billed: [39_000, 18_000],
      partsCost: [15_000, 7_000],
      margin: [24_000, 11_000],
      marginPercent: [24_000 / 39_000, 11_000 / 18_000],
    });
    expect(r.cards.find((c) => c.key === 'net')!.change).toBeCloseTo((37_000 - 18_000) / 18_000, 10);
    expect(r.cards.find((c) => c.key === 'refunds')!.change).toBeNull();
    // the same figures as exportable rows
    expect(r.table.rows).toHaveLength(9);
    expect(r.table.rows[2]).toEqual({
      figure: 'net',
      unit: 'money',
      value: 37_000,
      previous: 18_000,
      change: (37_000 - 18_000) / 18_000,
    });
  });

  it("revenueSummary for one shop leaves the other shop's and mail-in money out", async () => {
    const london = cards(
      await run(revenueSummary, scopeFor({ ...AUGUST, shopSlugs: ['london'], compare: 'none' })),
    );
    // London: A2 10000 + B1 12000 + J1 3000 = 25000 over 3 orders; refunds B1 3000 + F1 7000;
    // net 15000, AOV 5000; billed A2 10000 + B1 12000 = 22000, parts 3500 + 5000 = 8500
    expect(london).toEqual({
      moneyIn: [25_000, null],
      refunds: [10_000, null],
      net: [15_000, null],
      ordersPaid: [3, null],
      averageOrderValue: [5_000, null],
      billed: [22_000, null],
      partsCost: [8_500, null],
      margin: [13_500, null],
      marginPercent: [13_500 / 22_000, null],
    });
    const manchester = cards(await run(revenueSummary, scopeFor({ ...AUGUST, shopSlugs: ['manchester'] })));
    // Manchester: C1 8000 + C2 5000; no refunds; billed C1 8000 (parts 3000); July nothing
    expect(manchester.moneyIn).toEqual([13_000, 0]);
    expect(manchester.refunds).toEqual([0, 0]);
    expect(manchester.ordersPaid).toEqual([2, 0]);
    expect(manchester.averageOrderValue).toEqual([6_500, null]);
    expect(manchester.margin).toEqual([5_000, 0]);
    expect(manchester.marginPercent).toEqual([5_000 / 8_000, null]);
  });

  it('revenueSeries: every Monday-first week of August with zeros, July aligned by index', async () => {
    const r = await run(revenueSeries, scopeFor({ ...AUGUST, interval: 'week' }));
    // weeks (Mondays) touching August 2026 (1 Aug is a Saturday): 27 Jul .. 31 Aug
    //   27 Jul: J1 3000 in (1 Aug 00:30 BST), F1 refund 7000 (2 Aug) -> net -4000
    //   3 Aug: A2 10000 | 10 Aug: B1 12000 + C1 8000 (Sun 16 Aug), refund 3000 -> 17000
    //   17 Aug: C2 5000 | 24 Aug: E1 9000 | 31 Aug: nothing (I1 is 1 Sept)
    // July's weeks: 29 Jun 0, 6 Jul K1 11000, 13 Jul 0, 20 Jul F1 7000 (Sat 25), 27 Jul 0 (to 31 Jul)
    expect(r.table.rows).toEqual([
      { period: '2026-07-27', moneyIn: 3_000, refunds: 7_000, net: -4_000, previousNet: 0 },
      { period: '2026-08-03', moneyIn: 10_000, refunds: 0, net: 10_000, previousNet: 11_000 },
      { period: '2026-08-10', moneyIn: 20_000, refunds: 3_000, net: 17_000, previousNet: 0 },
      { period: '2026-08-17', moneyIn: 5_000, refunds: 0, net: 5_000, previousNet: 7_000 },
      { period: '2026-08-24', moneyIn: 9_000, refunds: 0, net: 9_000, previousNet: 0 },
      { period: '2026-08-31', moneyIn: 0, refunds: 0, net: 0, previousNet: null },
    ]);
    expect(cards(r)).toEqual({ moneyIn: [47_000, 18_000], refunds: [10_000, 0], net: [37_000, 18_000] });
    expect(r.chart).toEqual({ kind: 'area', x: 'period', series: ['net', 'previousNet'] });
  });

  it('revenueSeries: a payment at 23:30 UTC on the last day of a BST month is the next day and month', async () => {
    const months = await run(
      revenueSeries,
      scopeFor({ from: '2026-08-01', to: '2026-09-30', interval: 'month', compare: 'none' }),
    );
    // I1's 6000 at 2026-08-31T23:30Z is 1 Sept 00:30 in London
    expect(months.table.rows).toEqual([
      { period: '2026-08-01', moneyIn: 47_000, refunds: 10_000, net: 37_000, previousNet: null },
      { period: '2026-09-01', moneyIn: 6_000, refunds: 0, net: 6_000, previousNet: null },
    ]);
    expect(months.chart!.series).toEqual(['net']);
    const days = await run(
      revenueSeries,
      scopeFor({
        from: '2026-08-31',
        to: '2026-09-01',
        interval: 'day',
        compare: 'none',
        shopSlugs: ['london'],
      }),
    );
    expect(days.table.rows).toEqual([
      { period: '2026-08-31', moneyIn: 0, refunds: 0, net: 0, previousNet: null },
      { period: '2026-09-01', moneyIn: 6_000, refunds: 0, net: 6_000, previousNet: null },
    ]);
    // and J1's 3000 at 2026-07-31T23:30Z is 1 August, not 31 July
    const first = await run(
      revenueSeries,
      scopeFor({ from: '2026-07-31', to: '2026-08-01', interval: 'day', compare: 'none' }),
    );
    expect(first.table.rows.map((row) => [row.period, row.moneyIn])).toEqual([
      ['2026-07-31', 0],
      ['2026-08-01', 3_000],
    ]);
  });

  it('revenueByRepair: billed work per repair type, part and labour lines, share and growth', async () => {
    const r = await run(revenueByRepair, scopeFor(AUGUST));
    // screen: B1 12000 + E1 9000 = 21000 (2); battery: A2 6000 + C1 8000 = 14000 (2);
    // labour 2500, part 1500; total 39000. July: screen F1 7000 + K1 11000 = 18000, nothing else
    expect(r.table.rows).toEqual([
      {
        repair: 'Cracked or broken screen',
        kind: 'repair',
        count: 2,
        total: 21_000,
        share: 21_000 / 39_000,
        previousTotal: 18_000,
        growth: (21_000 - 18_000) / 18_000,
      },
      {
        repair: 'Battery replacement',
        kind: 'repair',
        count: 2,
        total: 14_000,
        share: 14_000 / 39_000,
        previousTotal: 0,
        growth: null,
      },
      {
        repair: 'labour',
        kind: 'labour',
        count: 1,
        total: 2_500,
        share: 2_500 / 39_000,
        previousTotal: 0,
        growth: null,
      },
      {
        repair: 'part',
        kind: 'part',
        count: 1,
        total: 1_500,
        share: 1_500 / 39_000,
        previousTotal: 0,
        growth: null,
      },
    ]);
    expect(cards(r)).toEqual({ billed: [39_000, 18_000] });
    const manchester = await run(
      revenueByRepair,
      scopeFor({ ...AUGUST, shopSlugs: ['manchester'], compare: 'none' }),
    );
    expect(manchester.table.rows.map((row) => [row.repair, row.total, row.share])).toEqual([
      ['Battery replacement', 8_000, 1],
    ]);
  });

  it('revenueByShop: one row per shop with zeros, mail-in without a shop last; a manager sees one', async () => {
    const r = await run(revenueByShop, scopeFor(AUGUST));
    // London: 25000 in, 10000 refunds, net 15000, 3 orders, AOV 5000
    // Manchester: 13000, 0, 13000, 2, 6500; without a shop: E1 9000, 1 order
    expect(r.table.rows).toEqual([
      {
        shop: 'RevivaTech London',
        moneyIn: 25_000,
        refunds: 10_000,
        net: 15_000,
        orders: 3,
        averageOrderValue: 5_000,
      },
      {
        shop: 'RevivaTech Manchester',
        moneyIn: 13_000,
        refunds: 0,
        net: 13_000,
        orders: 2,
        averageOrderValue: 6_500,
      },
      { shop: null, moneyIn: 9_000, refunds: 0, net: 9_000, orders: 1, averageOrderValue: 9_000 },
    ]);
    expect(r.notes).toEqual(['noShopRow']);
    expect(cards(r)).toEqual({ shops: [2, null], net: [37_000, null] });
    const one = await run(revenueByShop, scopeFor({ ...AUGUST, shopSlugs: ['manchester'] }));
    expect(one.table.rows).toEqual([
      {
        shop: 'RevivaTech Manchester',
        moneyIn: 13_000,
        refunds: 0,
        net: 13_000,
        orders: 2,
        averageOrderValue: 6_500,
      },
    ]);
    expect(one.notes).toEqual([]);
    // a range with no money: both shops, all zeros
    const quiet = await run(revenueByShop, scopeFor({ from: '2026-06-01', to: '2026-06-30' }));
    expect(quiet.table.rows.map((row) => [row.shop, row.net, row.orders, row.averageOrderValue])).toEqual([
      ['RevivaTech London', 0, 0, null],
      ['RevivaTech Manchester', 0, 0, null],
    ]);
  });

  it('customersSummary: new, returning, lifetime value, churn and repeat rate', async () => {
    const r = await run(customersSummary, scopeFor(AUGUST));
    // active in August (a booking not cancelled): A (A2; Alice@Gmail.com is alice@gmail.com),
    //   B, C (twice), E (no shop), I, J (31 Jul 23:15 UTC = 1 Aug) = 6; G's is cancelled
    // new (first booking ever in August): B C E I J = 5; returning: A = 1
    // repeat (2+ bookings up to the range end): A, C = 2 / 6
    // lifetime value: net paid by 31 Aug 23:00 UTC: A 10000 + 10000, B 12000 - 3000, C 8000 + 5000,
    //   E 9000, I 0 (paid 1 Sept), J 3000 = 54000 / 6 = 9000
    // churn: a booking in the 12 months before 1 Aug 2026 (A Mar, D Nov 2025, F Jul, K Jul; H is
    //   2024) = 4, of whom D, F, K booked nothing in August = 3 -> 3 / 4
    // July: active F, K = 2, both new; LTV (F 7000, refunded only in Aug; K 11000) 18000 / 2 = 9000;
    //   12 months before 1 Jul: A, D = 2, neither booked in July -> 2 churned, rate 1; repeat 0
    expect(cards(r)).toEqual({
      active: [6, 2],
      newCustomers: [5, 2],
      returning: [1, 0],
      lifetimeValue: [9_000, 9_000],
      churned: [3, 2],
      churnRate: [0.75, 1],
      repeatRate: [2 / 6, 0],
    });
    // Manchester alone: C only, new, two bookings; nobody there before
    const manchester = cards(await run(customersSummary, scopeFor({ ...AUGUST, shopSlugs: ['manchester'] })));
    expect(manchester).toEqual({
      active: [1, 0],
      newCustomers: [1, 0],
      returning: [0, 0],
      lifetimeValue: [13_000, null],
      churned: [0, 0],
      churnRate: [null, null],
      repeatRate: [1, null],
    });
  });

  it('customerSegments: one-off, repeat and business customers with their revenue', async () => {
    const r = await run(customerSegments, scopeFor(AUGUST));
    // business: C (acme-law.co.uk), 8000 + 5000 = 13000
    // repeat: A, 10000 in August
    // one-off: B 12000 - 3000, E 9000, I 0 (paid 1 Sept), J 3000 = 21000 (4 customers)
    // F's August refund is not in: F booked nothing in August. Total 6 customers, 44000
    expect(r.table.rows).toEqual([
      {
        segment: 'oneOff',
        customers: 4,
        customerShare: 4 / 6,
        revenue: 21_000,
        revenueShare: 21_000 / 44_000,
      },
      {
        segment: 'repeat',
        customers: 1,
        customerShare: 1 / 6,
        revenue: 10_000,
        revenueShare: 10_000 / 44_000,
      },
      {
        segment: 'business',
        customers: 1,
        customerShare: 1 / 6,
        revenue: 13_000,
        revenueShare: 13_000 / 44_000,
      },
    ]);
    expect(cards(r)).toEqual({ customers: [6, null], revenue: [44_000, null] });
    const london = await run(customerSegments, scopeFor({ ...AUGUST, shopSlugs: ['london'] }));
    // London: A repeat 10000; B 9000, I 0, J 3000 one-off; no business
    expect(london.table.rows.map((row) => [row.segment, row.customers, row.revenue])).toEqual([
      ['oneOff', 3, 12_000],
      ['repeat', 1, 10_000],
      ['business', 0, 0],
    ]);
  });

  it('satisfaction: average, count, response rate, distribution and the latest comments', async () => {
    const r = await run(satisfaction, scopeFor(AUGUST));
    // August ratings: A2 5, B1 4 (blank comment), E1 2 -> 3, average 11 / 3
    // response: collected in August A2 B1 C1 E1 = 4, rated 3 -> 0.75
    // July: F1 1 -> 1 rating, average 1; collected F1 K1 -> 1 / 2
    expect(cards(r)).toEqual({ average: [11 / 3, 1], ratings: [3, 1], responseRate: [0.75, 0.5] });
    const scoreRows = r.table.rows.filter((row) => row.kind === 'score');
    expect(scoreRows.map((row) => [row.score, row.count, row.share])).toEqual([
      [5, 1, 1 / 3],
      [4, 1, 1 / 3],
      [3, 0, 0],
      [2, 1, 1 / 3],
      [1, 0, 0],
    ]);
    // newest first; A2's 23:30 UTC on 9 Aug is 10 Aug in London; B1's blank comment is left out
    expect(r.table.rows.filter((row) => row.kind === 'comment')).toEqual([
      {
        kind: 'comment',
        score: 2,
        count: null,
        share: null,
        comment: 'Took too long',
        date: '2026-08-26',
        reference: refs.E1,
      },
      {
        kind: 'comment',
        score: 5,
        count: null,
        share: null,
        comment: 'Great service',
        date: '2026-08-10',
        reference: refs.A2,
      },
    ]);
    expect(r.chart).toEqual({ kind: 'bar', x: 'score', series: ['count'] });
    const london = await run(satisfaction, scopeFor({ ...AUGUST, shopSlugs: ['london'], compare: 'none' }));
    // London: A2 5, B1 4 -> 4.5; collected A2 B1 -> 2 / 2; only A2's comment
    expect(cards(london)).toEqual({ average: [4.5, null], ratings: [2, null], responseRate: [1, null] });
    expect(london.table.rows.filter((row) => row.kind === 'comment').map((row) => row.reference)).toEqual([
      refs.A2,
    ]);
    const none = await run(satisfaction, scopeFor({ from: '2026-06-01', to: '2026-06-30', compare: 'none' }));
    expect(cards(none)).toEqual({ average: [null, null], ratings: [0, null], responseRate: [null, null] });
    expect(none.notes).toEqual(['noRatings']);
  });
});
