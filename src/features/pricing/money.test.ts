import { describe, it, expect } from 'vitest';
import {
  BP_SCALE,
  applyBasisPoints,
  currencyMinorDigits,
  divRoundHalfAwayFromZero,
  formatMoney,
  isSafeMinor,
  splitVatInclusive,
} from './money';

describe('divRoundHalfAwayFromZero', () => {
  it('returns exact quotients unchanged', () => {
    expect(divRoundHalfAwayFromZero(10n, 5n)).toBe(2n);
    expect(divRoundHalfAwayFromZero(0n, 7n)).toBe(0n);
  });

  it('rounds below half down and at/above half up (positive)', () => {
    expect(divRoundHalfAwayFromZero(14n, 10n)).toBe(1n);
    expect(divRoundHalfAwayFromZero(15n, 10n)).toBe(2n);
    expect(divRoundHalfAwayFromZero(16n, 10n)).toBe(2n);
    expect(divRoundHalfAwayFromZero(5n, 10n)).toBe(1n);
    expect(divRoundHalfAwayFromZero(4n, 10n)).toBe(0n);
  });

  it('rounds half away from zero for negatives (unlike Math.round)', () => {
    expect(divRoundHalfAwayFromZero(-15n, 10n)).toBe(-2n);
    expect(divRoundHalfAwayFromZero(-14n, 10n)).toBe(-1n);
    expect(divRoundHalfAwayFromZero(15n, -10n)).toBe(-2n);
    expect(divRoundHalfAwayFromZero(-15n, -10n)).toBe(2n);
    expect(Math.round(-2.5)).toBe(-2); // the behaviour we deliberately avoid
  });

  it('handles odd denominators (1/3 boundaries)', () => {
    expect(divRoundHalfAwayFromZero(1n, 3n)).toBe(0n);
    expect(divRoundHalfAwayFromZero(2n, 3n)).toBe(1n);
  });

  it('throws on division by zero', () => {
    expect(() => divRoundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });
});

describe('applyBasisPoints', () => {
  it('applies whole percentages exactly', () => {
    expect(applyBasisPoints(10000, 2000)).toBe(2000);
    expect(applyBasisPoints(18900, 1000)).toBe(1890);
    expect(applyBasisPoints(12345, BP_SCALE)).toBe(12345);
    expect(applyBasisPoints(12345, 0)).toBe(0);
    expect(applyBasisPoints(0, 5000)).toBe(0);
  });

  it('rounds half away from zero', () => {
    expect(applyBasisPoints(15, 1000)).toBe(2); // 1.5
    expect(applyBasisPoints(25, 1000)).toBe(3); // 2.5
    expect(applyBasisPoints(5, 1000)).toBe(1); // 0.5
    expect(applyBasisPoints(14, 1000)).toBe(1); // 1.4
    expect(applyBasisPoints(4, 1000)).toBe(0); // 0.4
    expect(applyBasisPoints(-15, 1000)).toBe(-2); // -1.5
    expect(applyBasisPoints(-14, 1000)).toBe(-1); // -1.4
  });

  it('rounds sub-basis-point fractions correctly', () => {
    expect(applyBasisPoints(1, 4999)).toBe(0); // 0.4999
    expect(applyBasisPoints(1, 5000)).toBe(1); // 0.5
    expect(applyBasisPoints(3, 3333)).toBe(1); // 0.9999
  });

  it('has no float drift for very large amounts', () => {
    const max = Number.MAX_SAFE_INTEGER; // 9007199254740991
    expect(applyBasisPoints(max, BP_SCALE)).toBe(max);
    expect(applyBasisPoints(max, 5000)).toBe(4503599627370496); // ...495.5 -> ...496
    expect(applyBasisPoints(max, 1)).toBe(900719925474); // ...474.0991
  });

  it('rejects non-integer or unsafe inputs', () => {
    expect(() => applyBasisPoints(1.5, 1000)).toThrow(RangeError);
    expect(() => applyBasisPoints(100, 10.5)).toThrow(RangeError);
    expect(() => applyBasisPoints(Number.NaN, 1000)).toThrow(RangeError);
    expect(() => applyBasisPoints(2 ** 53, 1000)).toThrow(RangeError);
    expect(() => applyBasisPoints(Number.MAX_SAFE_INTEGER, 20000)).toThrow(RangeError);
  });
});

describe('splitVatInclusive', () => {
  it.each([
    // [gross, rateBp, net, vat]
    [18900, 2000, 15750, 3150],
    [12000, 2000, 10000, 2000],
    [0, 2000, 0, 0],
    [1, 2000, 1, 0], // 0.833 -> 1
    [2, 2000, 2, 0], // 1.667 -> 2
    [3, 2000, 3, 0], // 2.5 -> 3 (half away from zero)
    [6, 2000, 5, 1],
    [7, 2000, 6, 1], // 5.833 -> 6
    [9, 2000, 8, 1], // 7.5 -> 8
    [12345, 2000, 10288, 2057], // 10287.5 -> 10288
    [99999, 2000, 83333, 16666], // 83332.5 -> 83333
    [10500, 500, 10000, 500], // 5% reduced rate
    [18900, 0, 18900, 0], // zero-rated
    [-18900, 2000, -15750, -3150], // refunds mirror sales
  ])('%i at %ibp -> net %i, vat %i', (gross, rate, net, vat) => {
    expect(splitVatInclusive(gross, rate)).toEqual({ netMinor: net, vatMinor: vat });
  });

  it('always satisfies net + vat === gross', () => {
    for (let gross = 0; gross <= 5000; gross++) {
      const { netMinor, vatMinor } = splitVatInclusive(gross, 2000);
      expect(netMinor + vatMinor).toBe(gross);
      expect(vatMinor).toBeGreaterThanOrEqual(0);
      // VAT is within 0.6p of net * 20%, checked in integers: |5 * vat - net| <= 3.
      expect(Math.abs(5 * vatMinor - netMinor)).toBeLessThanOrEqual(3);
    }
  });

  it('rejects invalid inputs', () => {
    expect(() => splitVatInclusive(1.5, 2000)).toThrow(RangeError);
    expect(() => splitVatInclusive(100, -1)).toThrow(RangeError);
    expect(() => splitVatInclusive(100, 0.5)).toThrow(RangeError);
  });
});

describe('isSafeMinor', () => {
  it('accepts safe integers only', () => {
    expect(isSafeMinor(0)).toBe(true);
    expect(isSafeMinor(-5)).toBe(true);
    expect(isSafeMinor(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isSafeMinor(1.1)).toBe(false);
    expect(isSafeMinor(2 ** 53)).toBe(false);
    expect(isSafeMinor(Number.NaN)).toBe(false);
    expect(isSafeMinor(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isSafeMinor('100')).toBe(false);
  });
});

describe('formatMoney', () => {
  it('formats GBP in en-GB by default', () => {
    expect(formatMoney(18900)).toBe('£189.00');
    expect(formatMoney(123456)).toBe('£1,234.56');
    expect(formatMoney(0)).toBe('£0.00');
    expect(formatMoney(5)).toBe('£0.05');
    expect(formatMoney(50)).toBe('£0.50');
    expect(formatMoney(100000000)).toBe('£1,000,000.00');
  });

  it('formats negative amounts with a leading minus', () => {
    expect(formatMoney(-123456)).toBe('-£1,234.56');
    expect(formatMoney(-5)).toBe('-£0.05');
  });

  it('formats the largest safe amount exactly (no float division)', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe('£90,071,992,547,409.91');
  });

  it('honours currency minor digits and locale', () => {
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
    expect(formatMoney(1234, 'JPY')).toBe('JP¥1,234');
    expect(formatMoney(1234, 'BHD')).toBe('BHD\u00a01.234');
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
  });

  it('reports currency minor digits', () => {
    expect(currencyMinorDigits('GBP')).toBe(2);
    expect(currencyMinorDigits('JPY')).toBe(0);
    expect(currencyMinorDigits('BHD')).toBe(3);
  });

  it('rejects non-integer amounts and unknown currencies', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(100, 'NOTACURRENCY')).toThrow(RangeError);
  });
});
