import { describe, it, expect } from 'vitest';
import {
  DEFAULT_PRICING_CONFIG,
  PricingError,
  URGENCY_TIERS,
  combineTurnaroundHours,
  combineWarrantyDays,
  computeQuote,
  fullPriceLineIndex,
  isQuoteExpired,
  validatePricingConfig,
  type PricingConfig,
  type PricingErrorCode,
  type QuoteInput,
  type QuoteLineInput,
  type UrgencyTier,
} from './engine';

const NOW = new Date('2025-03-20T10:00:00.000Z');

function line(
  repairSlug: string,
  partsMinor: number,
  labourMinor: number,
  extra: Partial<QuoteLineInput> = {},
): QuoteLineInput {
  return {
    repairSlug,
    repairName: repairSlug.replace(/-/g, ' '),
    partsMinor,
    labourMinor,
    warrantyDays: 90,
    turnaroundHours: 24,
    ...extra,
  };
}

function quote(
  lines: QuoteLineInput[],
  urgency: UrgencyTier = 'standard',
  config: PricingConfig = DEFAULT_PRICING_CONFIG,
  now: Date = NOW,
) {
  return computeQuote({ lines, urgency }, config, now);
}

function withConfig(patch: Partial<PricingConfig>): PricingConfig {
  return { ...DEFAULT_PRICING_CONFIG, ...patch };
}

function expectPricingError(fn: () => unknown, code: PricingErrorCode) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PricingError);
    expect(err).toBeInstanceOf(Error);
    expect((err as PricingError).code).toBe(code);
    expect((err as PricingError).name).toBe('PricingError');
    return;
  }
  throw new Error(`expected PricingError ${code} but nothing was thrown`);
}

// A typical three-repair job: screen 189.00, battery 79.00, charging port 59.00.
const SCREEN = line('iphone-13-screen', 15000, 3900, { warrantyDays: 180, turnaroundHours: 48 });
const BATTERY = line('iphone-13-battery', 5000, 2900, { warrantyDays: 90, turnaroundHours: 4 });
const PORT = line('iphone-13-charging-port', 3000, 2900, { warrantyDays: 30, turnaroundHours: 24 });

describe('DEFAULT_PRICING_CONFIG', () => {
  it('matches the documented UK defaults', () => {
    expect(DEFAULT_PRICING_CONFIG).toEqual({
      currency: 'GBP',
      vatRateBp: 2000,
      urgency: {
        standard: { surchargeBp: 0, minimumMinor: 0 },
        express: { surchargeBp: 2500, minimumMinor: 1500 },
        same_day: { surchargeBp: 5000, minimumMinor: 2500 },
      },
      multiRepairDiscountBp: 1000,
      quoteValidityDays: 14,
    });
  });

  it('is valid and frozen', () => {
    expect(() => validatePricingConfig(DEFAULT_PRICING_CONFIG)).not.toThrow();
    expect(Object.isFrozen(DEFAULT_PRICING_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PRICING_CONFIG.urgency)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PRICING_CONFIG.urgency.express)).toBe(true);
  });

  it('lists the urgency tiers in order', () => {
    expect(URGENCY_TIERS).toEqual(['standard', 'express', 'same_day']);
  });
});

describe('computeQuote: single line', () => {
  it('prices one repair at full price with a 20% VAT split', () => {
    const q = quote([SCREEN]);
    expect(q).toEqual({
      currency: 'GBP',
      lines: [{ ...SCREEN, grossMinor: 18900, discountMinor: 0, totalMinor: 18900 }],
      subtotalMinor: 18900,
      discountMinor: 0,
      urgency: 'standard',
      urgencySurchargeMinor: 0,
      totalMinor: 18900,
      vat: { rateBp: 2000, netMinor: 15750, vatMinor: 3150 },
      warrantyDays: 180,
      turnaroundHours: 48,
      issuedAt: '2025-03-20T10:00:00.000Z',
      expiresAt: '2025-04-03T10:00:00.000Z',
    });
  });

  it('gives no multi-repair discount to a single line even at 100% discount config', () => {
    const q = quote([SCREEN], 'standard', withConfig({ multiRepairDiscountBp: 10000 }));
    expect(q.discountMinor).toBe(0);
    expect(q.totalMinor).toBe(18900);
  });

  it('allows a zero-priced line (e.g. free diagnostic)', () => {
    const q = quote([line('diagnostic', 0, 0)]);
    expect(q.totalMinor).toBe(0);
    expect(q.vat).toEqual({ rateBp: 2000, netMinor: 0, vatMinor: 0 });
  });

  it('sums parts and labour into gross', () => {
    const q = quote([line('x', 1, 2)]);
    expect(q.lines[0]?.grossMinor).toBe(3);
  });
});

describe('computeQuote: multi-repair discount', () => {
  it('discounts every line except the most expensive one', () => {
    const q = quote([BATTERY, SCREEN, PORT]);
    expect(q.lines.map((l) => [l.repairSlug, l.grossMinor, l.discountMinor, l.totalMinor])).toEqual([
      ['iphone-13-battery', 7900, 790, 7110],
      ['iphone-13-screen', 18900, 0, 18900],
      ['iphone-13-charging-port', 5900, 590, 5310],
    ]);
    expect(q.subtotalMinor).toBe(32700);
    expect(q.discountMinor).toBe(1380);
    expect(q.totalMinor).toBe(31320);
    expect(q.vat).toEqual({ rateBp: 2000, netMinor: 26100, vatMinor: 5220 });
  });

  it('keeps the input order of lines', () => {
    const q = quote([PORT, BATTERY, SCREEN]);
    expect(q.lines.map((l) => l.repairSlug)).toEqual([
      'iphone-13-charging-port',
      'iphone-13-battery',
      'iphone-13-screen',
    ]);
    expect(q.lines[2]?.discountMinor).toBe(0);
  });

  it('on a tie, the first line in input order stays full price', () => {
    const q = quote([line('a', 5000, 5000), line('b', 8000, 2000)]);
    expect(q.lines.map((l) => l.discountMinor)).toEqual([0, 1000]);

    const q2 = quote([line('cheap', 1000, 0), line('x', 6000, 4000), line('y', 10000, 0)]);
    expect(q2.lines.map((l) => l.discountMinor)).toEqual([100, 0, 1000]);
  });

  it('compares on gross (parts + labour), not parts alone', () => {
    // 'a' has more expensive parts, 'b' is more expensive overall.
    const q = quote([line('a', 9000, 0), line('b', 1000, 9000)]);
    expect(q.lines.map((l) => l.discountMinor)).toEqual([900, 0]);
  });

  it('rounds each line discount half away from zero', () => {
    const q = quote([line('big', 100000, 0), line('h15', 15, 0), line('h25', 25, 0)]);
    expect(q.lines.map((l) => l.discountMinor)).toEqual([0, 2, 3]); // 1.5 -> 2, 2.5 -> 3
    const q2 = quote([line('big', 100000, 0), line('h14', 14, 0), line('h4', 4, 0), line('h5', 5, 0)]);
    expect(q2.lines.map((l) => l.discountMinor)).toEqual([0, 1, 0, 1]); // 1.4, 0.4, 0.5
  });

  it('respects a 0% discount config', () => {
    const q = quote([SCREEN, BATTERY], 'standard', withConfig({ multiRepairDiscountBp: 0 }));
    expect(q.discountMinor).toBe(0);
    expect(q.totalMinor).toBe(26800);
  });

  it('respects a 100% discount config (other repairs free)', () => {
    const q = quote([SCREEN, BATTERY], 'standard', withConfig({ multiRepairDiscountBp: 10000 }));
    expect(q.lines.map((l) => l.totalMinor)).toEqual([18900, 0]);
    expect(q.totalMinor).toBe(18900);
  });

  it('never produces negative discounts or line totals', () => {
    const q = quote([line('a', 0, 0), line('b', 0, 0), line('c', 1, 0)]);
    for (const l of q.lines) {
      expect(l.discountMinor).toBeGreaterThanOrEqual(0);
      expect(l.totalMinor).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('fullPriceLineIndex', () => {
  it('picks the highest, earliest on ties', () => {
    expect(fullPriceLineIndex([1])).toBe(0);
    expect(fullPriceLineIndex([1, 3, 2])).toBe(1);
    expect(fullPriceLineIndex([3, 3, 3])).toBe(0);
    expect(fullPriceLineIndex([1, 3, 3])).toBe(1);
    expect(fullPriceLineIndex([0, 0])).toBe(0);
  });
});

describe('computeQuote: urgency', () => {
  it('standard adds nothing', () => {
    const q = quote([BATTERY, SCREEN, PORT], 'standard');
    expect(q.urgency).toBe('standard');
    expect(q.urgencySurchargeMinor).toBe(0);
  });

  it('express adds 25% of the discounted subtotal', () => {
    const q = quote([BATTERY, SCREEN, PORT], 'express');
    expect(q.urgencySurchargeMinor).toBe(7830); // 25% of 31320, not of 32700
    expect(q.totalMinor).toBe(39150);
    expect(q.vat).toEqual({ rateBp: 2000, netMinor: 32625, vatMinor: 6525 });
  });

  it('same_day adds 50% of the discounted subtotal', () => {
    const q = quote([BATTERY, SCREEN, PORT], 'same_day');
    expect(q.urgencySurchargeMinor).toBe(15660);
    expect(q.totalMinor).toBe(46980);
    expect(q.vat).toEqual({ rateBp: 2000, netMinor: 39150, vatMinor: 7830 });
  });

  it('express minimum (15.00) kicks in for small jobs', () => {
    const q = quote([line('small', 1000, 1000)], 'express');
    expect(q.urgencySurchargeMinor).toBe(1500); // 25% would be 500
    expect(q.totalMinor).toBe(3500);
    expect(q.vat).toEqual({ rateBp: 2000, netMinor: 2917, vatMinor: 583 }); // 2916.67 -> 2917
  });

  it('same_day minimum (25.00) kicks in for small jobs', () => {
    const q = quote([line('small', 1000, 1000)], 'same_day');
    expect(q.urgencySurchargeMinor).toBe(2500); // 50% would be 1000
    expect(q.totalMinor).toBe(4500);
    expect(q.vat).toEqual({ rateBp: 2000, netMinor: 3750, vatMinor: 750 });
  });

  it('applies the minimum even to a zero-priced job', () => {
    expect(quote([line('free', 0, 0)], 'express').urgencySurchargeMinor).toBe(1500);
    expect(quote([line('free', 0, 0)], 'same_day').urgencySurchargeMinor).toBe(2500);
  });

  it('is exactly at the minimum at the crossover point', () => {
    expect(quote([line('a', 6000, 0)], 'express').urgencySurchargeMinor).toBe(1500);
    expect(quote([line('a', 6004, 0)], 'express').urgencySurchargeMinor).toBe(1501);
    expect(quote([line('a', 5000, 0)], 'same_day').urgencySurchargeMinor).toBe(2500);
    expect(quote([line('a', 5002, 0)], 'same_day').urgencySurchargeMinor).toBe(2501);
  });

  it('rounds the percentage surcharge half away from zero', () => {
    const cfg = withConfig({
      urgency: {
        standard: { surchargeBp: 0, minimumMinor: 0 },
        express: { surchargeBp: 2500, minimumMinor: 0 },
        same_day: { surchargeBp: 5000, minimumMinor: 0 },
      },
    });
    expect(quote([line('a', 2, 0)], 'express', cfg).urgencySurchargeMinor).toBe(1); // 0.5
    expect(quote([line('a', 6, 0)], 'express', cfg).urgencySurchargeMinor).toBe(2); // 1.5
    expect(quote([line('a', 1, 0)], 'express', cfg).urgencySurchargeMinor).toBe(0); // 0.25
    expect(quote([line('a', 3, 0)], 'express', cfg).urgencySurchargeMinor).toBe(1); // 0.75
    expect(quote([line('a', 3, 0)], 'same_day', cfg).urgencySurchargeMinor).toBe(2); // 1.5
  });
});

describe('computeQuote: VAT', () => {
  it.each([
    // [total, net, vat]
    [18900, 15750, 3150],
    [1, 1, 0],
    [3, 3, 0], // 2.5 -> 3
    [6, 5, 1],
    [7, 6, 1],
    [9, 8, 1], // 7.5 -> 8
    [12345, 10288, 2057], // 10287.5 -> 10288
    [99999, 83333, 16666], // 83332.5 -> 83333
    [100001, 83334, 16667], // 83334.17 -> 83334
  ])('total %i -> net %i + vat %i at 20%%', (total, net, vat) => {
    const q = quote([line('a', total, 0)]);
    expect(q.totalMinor).toBe(total);
    expect(q.vat).toEqual({ rateBp: 2000, netMinor: net, vatMinor: vat });
  });

  it('extracts VAT from the grand total (including surcharge), not per line', () => {
    // Per-line extraction would give 1+1 = 2 net for two 1p lines; at quote level 2p -> net 2.
    const q = quote([line('a', 1, 0), line('b', 1, 0)]);
    expect(q.totalMinor).toBe(2);
    expect(q.vat).toEqual({ rateBp: 2000, netMinor: 2, vatMinor: 0 });
  });

  it('supports a 0% VAT config (net === total)', () => {
    const q = quote([BATTERY, SCREEN], 'express', withConfig({ vatRateBp: 0 }));
    expect(q.vat).toEqual({ rateBp: 0, netMinor: q.totalMinor, vatMinor: 0 });
  });

  it('supports a 5% reduced-rate config', () => {
    const q = quote([line('a', 10500, 0)], 'standard', withConfig({ vatRateBp: 500 }));
    expect(q.vat).toEqual({ rateBp: 500, netMinor: 10000, vatMinor: 500 });
  });

  it('uses the configured currency', () => {
    expect(quote([SCREEN], 'standard', withConfig({ currency: 'EUR' })).currency).toBe('EUR');
  });
});

describe('computeQuote: warranty and turnaround', () => {
  it('warranty is the minimum across lines', () => {
    expect(quote([BATTERY, SCREEN, PORT]).warrantyDays).toBe(30);
    expect(quote([SCREEN]).warrantyDays).toBe(180);
    expect(combineWarrantyDays([{ warrantyDays: 0 }, { warrantyDays: 365 }])).toBe(0);
  });

  it('keeps per-line warranty on each line', () => {
    expect(quote([BATTERY, SCREEN, PORT]).lines.map((l) => l.warrantyDays)).toEqual([90, 180, 30]);
  });

  it('standard turnaround is the maximum across lines', () => {
    expect(quote([BATTERY, SCREEN, PORT], 'standard').turnaroundHours).toBe(48);
  });

  it('express halves the turnaround, rounding up', () => {
    expect(quote([BATTERY, SCREEN, PORT], 'express').turnaroundHours).toBe(24);
    expect(combineTurnaroundHours([{ turnaroundHours: 25 }], 'express')).toBe(13);
    expect(combineTurnaroundHours([{ turnaroundHours: 1 }], 'express')).toBe(1);
    expect(combineTurnaroundHours([{ turnaroundHours: 0 }], 'express')).toBe(0);
  });

  it('same_day is half the turnaround capped at 8 hours', () => {
    expect(quote([BATTERY, SCREEN, PORT], 'same_day').turnaroundHours).toBe(8);
    expect(combineTurnaroundHours([{ turnaroundHours: 10 }], 'same_day')).toBe(5);
    expect(combineTurnaroundHours([{ turnaroundHours: 17 }], 'same_day')).toBe(8); // ceil 8.5 = 9 -> 8
    expect(combineTurnaroundHours([{ turnaroundHours: 3 }], 'same_day')).toBe(2);
  });

  it('is monotonic: same_day <= express <= standard', () => {
    for (let h = 0; h <= 200; h++) {
      const lines = [{ turnaroundHours: h }];
      const std = combineTurnaroundHours(lines, 'standard');
      const exp = combineTurnaroundHours(lines, 'express');
      const sd = combineTurnaroundHours(lines, 'same_day');
      expect(exp).toBeLessThanOrEqual(std);
      expect(sd).toBeLessThanOrEqual(exp);
      expect(sd).toBeLessThanOrEqual(8);
    }
  });
});

describe('expiry', () => {
  it('expires quoteValidityDays after issue (fixed 24h days, DST-independent)', () => {
    // 20 Mar -> 3 Apr spans the UK clocks change on 30 Mar; still exactly 14 * 24h.
    const q = quote([SCREEN]);
    expect(q.issuedAt).toBe('2025-03-20T10:00:00.000Z');
    expect(q.expiresAt).toBe('2025-04-03T10:00:00.000Z');
    expect(Date.parse(q.expiresAt) - Date.parse(q.issuedAt)).toBe(14 * 86_400_000);
  });

  it('uses the configured validity', () => {
    const q = quote([SCREEN], 'standard', withConfig({ quoteValidityDays: 1 }));
    expect(q.expiresAt).toBe('2025-03-21T10:00:00.000Z');
    const q2 = quote(
      [SCREEN],
      'standard',
      withConfig({ quoteValidityDays: 30 }),
      new Date('2024-02-15T00:00:00Z'),
    );
    expect(q2.expiresAt).toBe('2024-03-16T00:00:00.000Z'); // leap year
  });

  it('keeps milliseconds from now', () => {
    const q = quote([SCREEN], 'standard', DEFAULT_PRICING_CONFIG, new Date('2025-12-25T23:59:59.999Z'));
    expect(q.issuedAt).toBe('2025-12-25T23:59:59.999Z');
    expect(q.expiresAt).toBe('2026-01-08T23:59:59.999Z');
  });

  it('isQuoteExpired is false before, true at and after the boundary', () => {
    const q = quote([SCREEN]);
    const expires = Date.parse(q.expiresAt);
    expect(isQuoteExpired(q, NOW)).toBe(false);
    expect(isQuoteExpired(q, new Date(expires - 1))).toBe(false);
    expect(isQuoteExpired(q, new Date(expires))).toBe(true);
    expect(isQuoteExpired(q, new Date(expires + 1))).toBe(true);
  });

  it('isQuoteExpired accepts any object with expiresAt and fails closed on garbage', () => {
    expect(isQuoteExpired({ expiresAt: '2030-01-01T00:00:00.000Z' }, NOW)).toBe(false);
    expect(isQuoteExpired({ expiresAt: 'not a date' }, NOW)).toBe(true);
    expect(isQuoteExpired({ expiresAt: '' }, NOW)).toBe(true);
  });

  it('isQuoteExpired rejects an invalid now', () => {
    expectPricingError(
      () => isQuoteExpired({ expiresAt: NOW.toISOString() }, new Date('x')),
      'INVALID_INPUT',
    );
  });
});

describe('computeQuote: input errors', () => {
  it('rejects empty lines with NO_LINES', () => {
    expectPricingError(() => quote([]), 'NO_LINES');
  });

  it('rejects duplicate repair slugs with DUPLICATE_REPAIR', () => {
    expectPricingError(() => quote([SCREEN, BATTERY, { ...SCREEN, partsMinor: 1 }]), 'DUPLICATE_REPAIR');
  });

  it.each([
    ['negative parts', { partsMinor: -1 }],
    ['negative labour', { labourMinor: -100 }],
    ['fractional parts', { partsMinor: 10.5 }],
    ['fractional labour', { labourMinor: 0.1 }],
    ['NaN', { partsMinor: Number.NaN }],
    ['Infinity', { labourMinor: Number.POSITIVE_INFINITY }],
    ['unsafe integer', { partsMinor: 2 ** 53 }],
    ['string amount', { partsMinor: '100' as unknown as number }],
    ['negative warranty', { warrantyDays: -1 }],
    ['fractional turnaround', { turnaroundHours: 1.5 }],
  ])('rejects %s with INVALID_AMOUNT', (_label, patch) => {
    expectPricingError(() => quote([line('a', 100, 100, patch)]), 'INVALID_AMOUNT');
  });

  it('rejects a gross that overflows the safe integer range', () => {
    expectPricingError(() => quote([line('a', Number.MAX_SAFE_INTEGER, 1)]), 'INVALID_AMOUNT');
  });

  it('rejects a subtotal that overflows the safe integer range', () => {
    const half = Math.ceil(Number.MAX_SAFE_INTEGER / 2);
    expectPricingError(() => quote([line('a', half, 0), line('b', half, 0)]), 'INVALID_AMOUNT');
  });

  it('rejects a total that overflows once the surcharge is added', () => {
    expectPricingError(
      () => quote([line('a', Number.MAX_SAFE_INTEGER - 100, 0)], 'express'),
      'INVALID_AMOUNT',
    );
  });

  it('rejects blank slugs, unknown urgency, malformed input and invalid now', () => {
    expectPricingError(() => quote([line('', 1, 1)]), 'INVALID_INPUT');
    expectPricingError(() => quote([line('   ', 1, 1)]), 'INVALID_INPUT');
    expectPricingError(() => quote([null as unknown as QuoteLineInput]), 'INVALID_INPUT');
    expectPricingError(
      () => quote([line('a', 1, 1, { repairName: 7 as unknown as string })]),
      'INVALID_INPUT',
    );
    expectPricingError(() => quote([SCREEN], 'overnight' as UrgencyTier), 'INVALID_INPUT');
    expectPricingError(
      () => computeQuote({ urgency: 'standard' } as unknown as QuoteInput, DEFAULT_PRICING_CONFIG, NOW),
      'INVALID_INPUT',
    );
    expectPricingError(
      () => quote([SCREEN], 'standard', DEFAULT_PRICING_CONFIG, new Date('nope')),
      'INVALID_INPUT',
    );
  });
});

describe('computeQuote: config validation', () => {
  const urgency = DEFAULT_PRICING_CONFIG.urgency;
  it.each<[string, Partial<PricingConfig>]>([
    ['vatRateBp above 10000', { vatRateBp: 10001 }],
    ['negative vatRateBp', { vatRateBp: -1 }],
    ['fractional vatRateBp', { vatRateBp: 2000.5 }],
    ['discount above 10000', { multiRepairDiscountBp: 10001 }],
    ['negative discount', { multiRepairDiscountBp: -10 }],
    [
      'express surcharge above 10000',
      { urgency: { ...urgency, express: { surchargeBp: 10001, minimumMinor: 0 } } },
    ],
    [
      'negative same_day minimum',
      { urgency: { ...urgency, same_day: { surchargeBp: 5000, minimumMinor: -1 } } },
    ],
    [
      'fractional express minimum',
      { urgency: { ...urgency, express: { surchargeBp: 2500, minimumMinor: 1.5 } } },
    ],
    [
      'standard with a surcharge',
      { urgency: { ...urgency, standard: { surchargeBp: 100, minimumMinor: 0 } } },
    ],
    ['standard with a minimum', { urgency: { ...urgency, standard: { surchargeBp: 0, minimumMinor: 1 } } }],
    [
      'missing tier',
      {
        urgency: {
          standard: urgency.standard,
          express: urgency.express,
        } as PricingConfig['urgency'],
      },
    ],
    ['zero validity', { quoteValidityDays: 0 }],
    ['fractional validity', { quoteValidityDays: 1.5 }],
    ['validity over a year', { quoteValidityDays: 366 }],
    ['lower-case currency', { currency: 'gbp' }],
    ['long currency', { currency: 'GBPX' }],
    ['empty currency', { currency: '' }],
  ])('rejects %s with INVALID_CONFIG', (_label, patch) => {
    expectPricingError(() => quote([SCREEN], 'standard', withConfig(patch)), 'INVALID_CONFIG');
    expectPricingError(() => validatePricingConfig(withConfig(patch)), 'INVALID_CONFIG');
  });

  it('checks a config on every quote unless it is valid and deeply frozen', () => {
    // a frozen but invalid config is refused every time, not remembered as checked
    const frozenBad = Object.freeze(withConfig({ quoteValidityDays: 0 }));
    for (let i = 0; i < 2; i++)
      expectPricingError(() => quote([SCREEN], 'standard', frozenBad), 'INVALID_CONFIG');
    // a config that can still change is checked again after it changed
    const mutable = withConfig({});
    expect(() => quote([SCREEN], 'standard', mutable)).not.toThrow();
    mutable.quoteValidityDays = 0;
    expectPricingError(() => quote([SCREEN], 'standard', mutable), 'INVALID_CONFIG');
  });

  it('accepts boundary values', () => {
    expect(() =>
      validatePricingConfig(
        withConfig({ vatRateBp: 10000, multiRepairDiscountBp: 0, quoteValidityDays: 365 }),
      ),
    ).not.toThrow();
  });

  it('validates config before input (bad config + empty lines -> INVALID_CONFIG)', () => {
    expectPricingError(() => quote([], 'standard', withConfig({ vatRateBp: -1 })), 'INVALID_CONFIG');
  });
});

describe('determinism and purity', () => {
  it('returns identical quotes for identical inputs', () => {
    const input: QuoteInput = { lines: [BATTERY, SCREEN, PORT], urgency: 'express' };
    const a = computeQuote(input, DEFAULT_PRICING_CONFIG, NOW);
    const b = computeQuote(input, DEFAULT_PRICING_CONFIG, new Date(NOW.getTime()));
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('does not mutate input, config or now', () => {
    const input: QuoteInput = { lines: [BATTERY, SCREEN, PORT], urgency: 'same_day' };
    const config = withConfig({});
    const now = new Date(NOW.getTime());
    const before = structuredClone({ input, config, now: now.getTime() });
    const q = computeQuote(input, config, now);
    expect({ input, config, now: now.getTime() }).toEqual(before);
    expect(q.lines[0]).not.toBe(input.lines[0]);
    expect(q.lines).not.toBe(input.lines);
  });

  it('keeps arbitrary extra fields on lines', () => {
    const extended = { ...SCREEN, deviceModel: 'iPhone 13' };
    const q = quote([extended]);
    expect(q.lines[0]).toMatchObject({ deviceModel: 'iPhone 13' });
  });

  it('holds its invariants over many generated quotes', () => {
    // Deterministic LCG so the test itself is reproducible.
    let seed = 42;
    const rand = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % max;
    };
    for (let n = 0; n < 500; n++) {
      const count = 1 + rand(5);
      const lines = Array.from({ length: count }, (_, i) =>
        line(`r${i}`, rand(50000), rand(10000), {
          warrantyDays: rand(400),
          turnaroundHours: rand(100),
        }),
      );
      const urgency = URGENCY_TIERS[rand(3)] ?? 'standard';
      const config = withConfig({ vatRateBp: rand(3) * 1000, multiRepairDiscountBp: rand(10001) });
      const q = quote(lines, urgency, config);

      const lineTotals = q.lines.reduce((s, l) => s + l.totalMinor, 0);
      expect(lineTotals).toBe(q.subtotalMinor - q.discountMinor);
      expect(q.totalMinor).toBe(q.subtotalMinor - q.discountMinor + q.urgencySurchargeMinor);
      expect(q.vat.netMinor + q.vat.vatMinor).toBe(q.totalMinor);
      expect(q.vat.vatMinor).toBeGreaterThanOrEqual(0);
      const full = fullPriceLineIndex(q.lines.map((l) => l.grossMinor));
      expect(q.lines[full]?.discountMinor).toBe(0);
      for (const l of q.lines) {
        expect(Number.isSafeInteger(l.discountMinor)).toBe(true);
        expect(l.discountMinor).toBeGreaterThanOrEqual(0);
        expect(l.discountMinor).toBeLessThanOrEqual(l.grossMinor);
      }
      if (urgency !== 'standard') {
        expect(q.urgencySurchargeMinor).toBeGreaterThanOrEqual(config.urgency[urgency].minimumMinor);
      } else {
        expect(q.urgencySurchargeMinor).toBe(0);
      }
    }
  });
});
