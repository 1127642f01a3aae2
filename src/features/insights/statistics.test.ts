import { describe, expect, it } from 'vitest';
import {
  ageBucket,
  customerKey,
  median,
  percentile,
  repairsByAge,
  repeatFigures,
  type DeviceVisit,
  type RepairRow,
} from './statistics';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('percentile', () => {
  it('interpolates between ranks like percentile_cont', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    // p80 of 10, 20, 30, 40, 50: rank 0.8 * 4 = 3.2 -> 40 + 0.2 * 10
    expect(percentile([50, 10, 40, 20, 30], 0.8)).toBeCloseTo(42, 10);
    expect(percentile([7], 0.8)).toBe(7);
  });

  it('answers null for no values and refuses a p outside 0..1', () => {
    expect(median([])).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('ageBucket', () => {
  it('is the calendar years since the release year', () => {
    expect(ageBucket(2023, day('2023-12-31'))).toBe('release-year');
    expect(ageBucket(2023, day('2024-01-01'))).toBe('1-year');
    expect(ageBucket(2023, day('2025-06-01'))).toBe('2-years');
    expect(ageBucket(2023, day('2026-06-01'))).toBe('3-plus-years');
    expect(ageBucket(2019, day('2026-06-01'))).toBe('3-plus-years');
    // a date before the release year (a data error) is not a negative age
    expect(ageBucket(2024, day('2023-06-01'))).toBe('release-year');
  });
});

describe('repairsByAge', () => {
  const row = (orderId: string, repairSlug: string, at: string): RepairRow => ({
    orderId,
    repairSlug,
    repairName: repairSlug === 'screen-crack' ? 'Screen' : repairSlug === 'battery' ? 'Battery' : 'Camera',
    receivedAt: day(at),
  });

  it('shares each bucket between its repairs, an order with two repairs counting in both', () => {
    // 2024 (1 year after a 2023 release): 6 orders, 7 repairs: 4 screens, 2 batteries, 1 camera
    const rows = [
      row('a', 'screen-crack', '2024-02-01'),
      row('b', 'screen-crack', '2024-03-01'),
      row('c', 'screen-crack', '2024-04-01'),
      row('d', 'screen-crack', '2024-05-01'),
      row('d', 'battery', '2024-05-01'),
      row('d', 'battery', '2024-05-01'), // the same pair twice counts once
      row('e', 'battery', '2024-06-01'),
      row('f', 'camera', '2024-07-01'),
      // 2026: 3 orders, under the bucket minimum of 5
      row('g', 'battery', '2026-01-10'),
      row('h', 'battery', '2026-01-11'),
      row('i', 'screen-crack', '2026-01-12'),
    ];
    const buckets = repairsByAge(rows, 2023);
    expect(buckets.map((b) => b.bucket)).toEqual(['1-year', '3-plus-years']);
    const [one, old] = buckets;
    expect(one).toMatchObject({ orders: 6, repairs: 7, enoughHistory: true });
    expect(one!.top.map((t) => [t.slug, t.count])).toEqual([
      ['screen-crack', 4],
      ['battery', 2],
      ['camera', 1],
    ]);
    expect(one!.top[0]!.share).toBeCloseTo(4 / 7, 10);
    expect(one!.top[1]!.share).toBeCloseTo(2 / 7, 10);
    expect(old).toEqual({ bucket: '3-plus-years', orders: 3, repairs: 3, enoughHistory: false, top: [] });
  });

  it('has no buckets without rows', () => {
    expect(repairsByAge([], 2023)).toEqual([]);
  });
});

describe('customerKey', () => {
  it('takes the account, else the e-mail in any case, else the phone digits', () => {
    expect(customerKey({ userId: 'u1', email: 'A@x.com', phone: null })).toBe('user:u1');
    expect(customerKey({ userId: null, email: ' A@X.com ', phone: '1' })).toBe('email:a@x.com');
    expect(customerKey({ userId: null, email: null, phone: '+44 7700 900123' })).toBe('phone:447700900123');
    expect(customerKey({ userId: null, email: '', phone: '12' })).toBeNull();
  });
});

describe('repeatFigures', () => {
  const now = day('2026-06-01');
  const visit = (
    orderId: string,
    arrived: string,
    collected: string | null,
    who: { imei?: string; customer?: string; model?: string } = {},
  ): DeviceVisit => ({
    orderId,
    modelSlug: who.model ?? 'iphone-15',
    imeiSerial: who.imei ?? null,
    customerKey: who.customer ?? null,
    arrivedAt: day(arrived),
    collectedAt: collected ? day(collected) : null,
  });

  it('counts a device back within 90 days by IMEI or by the same customer and model', () => {
    const visits = [
      // by IMEI, back 30 days after collection (a different customer key: a gift, a resale)
      visit('a1', '2025-01-01', '2025-01-05', { imei: '356938035643809', customer: 'user:1' }),
      visit('a2', '2025-02-04', '2025-02-06', { imei: '356938035643809', customer: 'email:x@y.z' }),
      // same customer and model, no IMEI on the first: back after 90 days exactly (inside)
      visit('b1', '2025-03-01', '2025-03-02', { customer: 'user:2' }),
      visit('b2', '2025-05-31', null, { customer: 'user:2', imei: '490154203237518' }),
      // same customer, different IMEIs: two devices, not a return
      visit('c1', '2025-03-01', '2025-03-02', { customer: 'user:3', imei: '111111111111111' }),
      visit('c2', '2025-03-20', '2025-03-22', { customer: 'user:3', imei: '222222222222222' }),
      // same customer, another model: not a return
      visit('d1', '2025-04-01', '2025-04-02', { customer: 'user:4' }),
      visit('d2', '2025-04-10', '2025-04-12', { customer: 'user:4', model: 'pixel-8' }),
      // back after 91 days: outside the window
      visit('e1', '2025-01-01', '2025-01-02', { customer: 'user:5' }),
      visit('e2', '2025-04-03', '2025-04-05', { customer: 'user:5' }),
      // collected 30 days before now: window still open, not counted either way
      visit('f1', '2026-04-20', '2026-05-02', { customer: 'user:6' }),
      // never collected: not counted
      visit('g1', '2025-01-01', null, { customer: 'user:7' }),
    ];
    // eligible: a1 a2 b1 c1 c2 d1 d2 e1 e2 (9); returned: a1, b1 (2)
    expect(repeatFigures(visits, now)).toEqual({ eligible: 9, returned: 2 });
  });

  it('does not count a visit before the collection (the same repair booked twice)', () => {
    const visits = [
      visit('x1', '2025-01-10', '2025-01-20', { customer: 'user:9' }),
      visit('x2', '2025-01-05', '2025-01-06', { customer: 'user:9' }),
    ];
    // x2 collected 2025-01-06, x1 arrived 2025-01-10: x2 came back; x1 did not
    expect(repeatFigures(visits, now)).toEqual({ eligible: 2, returned: 1 });
  });
});
