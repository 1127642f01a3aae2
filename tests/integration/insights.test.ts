/**
 * Predictive insights through the real API on a fixed history (insights-history.ts): the exact
 * figures for London's iPhone 15s, the too-little-history answer, the shop scope (another
 * shop's orders never count for its staff), and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';
import { plusHours, writeHistory, type PastOrder } from './insights-history';
import type { ModelInsights } from '@/features/insights/schemas';

const london = (o: Omit<PastOrder, 'shop'>): PastOrder => ({ shop: 'london', ...o });

/** London, iPhone 15 (released 2023): hand-computed figures in the test below. */
function londonIphones(): PastOrder[] {
  const at = (date: string) => `${date}T09:00:00.000Z`;
  const done = (date: string, readyH: number, collectedH = readyH + 6, extra: Partial<PastOrder> = {}) =>
    london({
      model: 'iphone-15',
      repairs: ['screen-crack'],
      received: at(date),
      ready: [plusHours(at(date), readyH)],
      collected: plusHours(at(date), collectedH),
      ...extra,
    });
  return [
    // 2024: one year after release
    done('2024-02-01', 24, 30, { imei: '111111111111111', email: 'same@example.com' }),
    done('2024-03-01', 48),
    // the same customer with another IMEI within 90 days: another device, not a return
    done('2024-04-01', 12, 18, { imei: '222222222222222', email: 'same@example.com' }),
    done('2024-05-01', 36, 42, { repairs: ['screen-crack', 'battery'] }),
    done('2024-06-01', 72, 80, { repairs: ['battery'], imei: '333333333333333' }),
    // the same IMEI 27 days after its collection: the order above came back
    done('2024-07-01', 24, 30, { repairs: ['battery'], imei: '333333333333333' }),
    // 2025: two years after release
    done('2025-02-01', 30, 36, { repairs: ['battery'] }),
    done('2025-03-01', 18, 24, { repairs: ['battery'] }),
    done('2025-04-01', 60, 70, { repairs: ['battery'], email: 'back@example.com' }),
    // sent back to repair from "ready": the turnaround runs to the last "ready" (96 h)
    london({
      model: 'iphone-15',
      repairs: ['battery'],
      received: at('2025-05-01'),
      ready: [plusHours(at('2025-05-01'), 50), plusHours(at('2025-05-01'), 96)],
      collected: plusHours(at('2025-05-01'), 100),
    }),
    // the same customer and model 47 days after a collection: that one came back
    london({
      model: 'iphone-15',
      repairs: ['battery'],
      received: at('2025-05-20'),
      email: 'back@example.com',
    }),
    london({ model: 'iphone-15', repairs: ['screen-crack'], received: at('2025-06-01') }),
    // not history: cancelled, and booked but never received
    london({
      model: 'iphone-15',
      repairs: ['screen-crack'],
      received: at('2025-07-01'),
      status: 'cancelled',
    }),
    london({ model: 'iphone-15', repairs: ['battery'], status: 'booked' }),
  ];
}

function manchesterIphones(): PastOrder[] {
  return ['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27', '2025-02-03'].map((d) => ({
    shop: 'manchester',
    model: 'iphone-15',
    repairs: ['screen-crack'],
    received: `${d}T10:00:00.000Z`,
    ready: [plusHours(`${d}T10:00:00.000Z`, 10)],
    collected: plusHours(`${d}T10:00:00.000Z`, 12),
  }));
}

function londonPixels(): PastOrder[] {
  return ['2024-02-01', '2024-03-01', '2024-04-01'].map((d) => ({
    shop: 'london',
    model: 'pixel-8',
    repairs: ['screen-crack'],
    received: `${d}T10:00:00.000Z`,
    ready: [plusHours(`${d}T10:00:00.000Z`, 20)],
    collected: plusHours(`${d}T10:00:00.000Z`, 30),
  }));
}

describe.each(BACKENDS)('predictive insights on $name', (backend) => {
  let app: TestApp;
  let londonTech: TestUser;
  let londonManager: TestUser;
  let manchesterManager: TestUser;
  let admin: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    await writeHistory(app.handle.db, [...londonIphones(), ...manchesterIphones(), ...londonPixels()]);
    londonTech = await createUser(app, 'technician', { shopSlug: 'london' });
    londonManager = await createUser(app, 'manager', { shopSlug: 'london' });
    manchesterManager = await createUser(app, 'manager', { shopSlug: 'manchester' });
    admin = await createUser(app, 'admin');
    customer = await createUser(app, 'customer');
  }, 120_000);
  afterAll(() => app.close());

  const get = (who: TestUser, path: string) =>
    app.request(`/api/staff/insights/models/${path}`, { headers: { cookie: who.cookie } });
  const insights = async (who: TestUser, path: string): Promise<ModelInsights> => {
    const res = await get(who, path);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as ModelInsights;
  };

  it("gives a London technician London's exact figures, and nothing of Manchester's", async () => {
    const body = await insights(londonTech, 'iphone-15');
    expect(body.model).toEqual({
      slug: 'iphone-15',
      name: 'iPhone 15',
      brandName: 'Apple',
      releaseYear: 2023,
    });
    expect(body.shop).toEqual({ slug: 'london', name: expect.any(String) });
    expect(body).toMatchObject({ orders: 12, enoughHistory: true, reason: null });
    // the clock is past 2026: an iPhone 15 is 3+ calendar years past its release
    expect(new Date().getUTCFullYear()).toBeGreaterThanOrEqual(2026);
    expect(body.currentAgeBucket).toBe('3-plus-years');

    const pick = (b: ModelInsights['repairsByAge'][number]) => ({
      bucket: b.bucket,
      orders: b.orders,
      repairs: b.repairs,
      top: b.top.map((t) => [t.slug, t.count, Number(t.share.toFixed(6))]),
    });
    expect(body.repairsByAge.map(pick)).toEqual([
      {
        bucket: '1-year',
        orders: 6,
        repairs: 7,
        top: [
          ['screen-crack', 4, Number((4 / 7).toFixed(6))],
          ['battery', 3, Number((3 / 7).toFixed(6))],
        ],
      },
      {
        bucket: '2-years',
        orders: 6,
        repairs: 6,
        top: [
          ['battery', 5, Number((5 / 6).toFixed(6))],
          ['screen-crack', 1, Number((1 / 6).toFixed(6))],
        ],
      },
    ]);
    // names from the catalogue's repair types
    expect(body.repairsByAge[0]!.top.map((t) => t.name)).toEqual([
      'Cracked or broken screen',
      'Battery replacement',
    ]);

    // turnarounds 12, 18, 24, 24, 30, 36, 48, 60, 72, 96 h: median 33, p80 60 + 0.2 * 12
    expect(body.turnaround).toMatchObject({ n: 10, enoughHistory: true, reason: null, medianHours: 33 });
    expect(body.turnaround.p80Hours).toBeCloseTo(62.4, 9);

    // ten collected orders, two came back within 90 days
    expect(body.repeat).toEqual({
      windowDays: 90,
      n: 10,
      returned: 2,
      enoughHistory: true,
      reason: null,
      rate: 0.2,
    });

    // naming their own shop is the same; naming another is refused
    expect((await insights(londonTech, 'iphone-15?shop=london')).orders).toBe(12);
    const other = await get(londonTech, 'iphone-15?shop=manchester');
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('Manchester');
  });

  it('is honest when there is too little history, withholding every figure with its sample size', async () => {
    const body = await insights(londonManager, 'pixel-8');
    expect(body).toMatchObject({
      orders: 3,
      enoughHistory: false,
      reason: { code: 'too-little-history', n: 3, minimum: 10 },
    });
    expect(body.repairsByAge).toEqual([
      { bucket: '1-year', orders: 3, repairs: 3, enoughHistory: false, top: [] },
    ]);
    expect(body.turnaround).toEqual({
      n: 3,
      enoughHistory: false,
      reason: { code: 'too-little-history', n: 3, minimum: 10 },
      medianHours: null,
      p80Hours: null,
    });
    expect(body.repeat).toMatchObject({ n: 3, rate: null, enoughHistory: false });

    // a model nobody has brought in: zero, not an error
    const none = await insights(londonManager, 'galaxy-s24');
    expect(none).toMatchObject({ orders: 0, enoughHistory: false, repairsByAge: [] });
    expect(none.turnaround.n).toBe(0);
  });

  it("gives Manchester's manager Manchester's five orders only", async () => {
    const body = await insights(manchesterManager, 'iphone-15');
    expect(body.shop?.slug).toBe('manchester');
    expect(body).toMatchObject({ orders: 5, enoughHistory: false, reason: { n: 5, minimum: 10 } });
    expect(body.turnaround).toMatchObject({ n: 5, medianHours: null });
    expect(body.repeat).toMatchObject({ n: 5, returned: 0, rate: null });
    expect((await get(manchesterManager, 'iphone-15?shop=london')).status).toBe(403);
  });

  it('lets an admin see every shop together or one shop', async () => {
    const all = await insights(admin, 'iphone-15');
    expect(all.shop).toBeNull();
    expect(all).toMatchObject({ orders: 17, enoughHistory: true });
    // five more turnarounds of 10 h: rank 7 of 15 is 24; p80 at rank 11.2: 48 + 0.2 * 12
    expect(all.turnaround.n).toBe(15);
    expect(all.turnaround.medianHours).toBe(24);
    expect(all.turnaround.p80Hours).toBeCloseTo(50.4, 9);
    expect(all.repeat).toMatchObject({ n: 15, returned: 2 });
    expect(all.repeat.rate).toBeCloseTo(2 / 15, 12);

    const manchester = await insights(admin, 'iphone-15?shop=manchester');
    expect(manchester.orders).toBe(5);
    expect((await get(admin, 'iphone-15?shop=atlantis')).status).toBe(404);
  });

  it('answers 404 for an unknown model, 422 for odd bytes, 403 to customers', async () => {
    const unknown = await get(londonTech, 'nokia-3310-banana');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    for (const path of ['iphone%0015', 'IPHONE-15', `${'a'.repeat(5000)}`, 'iphone-15?shop=lon%00don']) {
      const res = await get(londonTech, path);
      expect(res.status, path.slice(0, 40)).toBe(422);
      expect(((await res.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    }
    expect((await get(customer, 'iphone-15')).status).toBe(403);
  });
});
