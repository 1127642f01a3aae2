import { describe, expect, it } from 'vitest';
import {
  lineTotalMinor,
  orderTotals,
  previousAgreedTotals,
  snapshotSurcharge,
  sortQuotes,
} from './quote-totals';

describe('line totals', () => {
  it('multiplies quantity by the unit price', () => {
    expect(lineTotalMinor(3, 1250)).toBe(3750);
    expect(lineTotalMinor(99, 10_000_000)).toBe(990_000_000);
  });
  it('refuses quantities and prices out of range', () => {
    expect(() => lineTotalMinor(0, 100)).toThrow(RangeError);
    expect(() => lineTotalMinor(100, 100)).toThrow(RangeError);
    expect(() => lineTotalMinor(1.5, 100)).toThrow(RangeError);
    expect(() => lineTotalMinor(1, -1)).toThrow(RangeError);
    expect(() => lineTotalMinor(1, 10_000_001)).toThrow(RangeError);
  });
});

describe('order totals', () => {
  it('adds the lines and the booked surcharge and takes the VAT out once', () => {
    const t = orderTotals([{ totalMinor: 18900 }, { totalMinor: 2500 }], 1000, 2000);
    expect(t).toEqual({
      linesMinor: 21400,
      surchargeMinor: 1000,
      totalMinor: 22400,
      netMinor: 18667,
      vatMinor: 3733,
    });
    expect(t.netMinor + t.vatMinor).toBe(t.totalMinor);
  });
  it('is zero with no lines', () => {
    expect(orderTotals([], 0, 2000)).toEqual({
      linesMinor: 0,
      surchargeMinor: 0,
      totalMinor: 0,
      netMinor: 0,
      vatMinor: 0,
    });
  });
  it('recovers the surcharge of a snapshot', () => {
    expect(snapshotSurcharge(22400, [{ totalMinor: 18900 }, { totalMinor: 2500 }])).toBe(1000);
  });
});

describe('previous agreed totals', () => {
  it('measures each quote against the booking, then the last approved quote before it', () => {
    const prev = previousAgreedTotals(
      [
        { id: 'c', version: 3, status: 'pending', totalMinor: 30000 },
        { id: 'a', version: 1, status: 'declined', totalMinor: 25000 },
        { id: 'b', version: 2, status: 'approved', totalMinor: 22000 },
      ],
      18900,
    );
    expect(Object.fromEntries(prev)).toEqual({ a: 18900, b: 18900, c: 22000 });
  });
  it('lists pending first, then newest first', () => {
    const sorted = sortQuotes([
      { status: 'approved', version: 1 },
      { status: 'declined', version: 3 },
      { status: 'pending', version: 4 },
      { status: 'withdrawn', version: 2 },
    ]);
    expect(sorted.map((q) => q.version)).toEqual([4, 3, 2, 1]);
  });
});
