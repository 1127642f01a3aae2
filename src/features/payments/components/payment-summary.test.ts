import { describe, expect, it } from 'vitest';
import type { QuoteDto } from '@/features/pricing/schemas';
import { summaryFromBalance, summaryFromQuote } from './payment-summary';

const line = (slug: string, parts: number, labour: number, discount = 0) => ({
  repairSlug: slug,
  repairName: slug,
  partsMinor: parts,
  labourMinor: labour,
  grossMinor: parts + labour,
  discountMinor: discount,
  totalMinor: parts + labour - discount,
  warrantyDays: 90,
  turnaroundHours: 2,
});

const quote: QuoteDto = {
  currency: 'GBP',
  lines: [line('screen-crack', 15300, 6600), line('battery', 4000, 2000, 600)],
  subtotalMinor: 27900,
  discountMinor: 600,
  urgency: 'express',
  urgencySurchargeMinor: 6825,
  totalMinor: 34125,
  vat: { rateBp: 2000, netMinor: 28438, vatMinor: 5687 },
  warrantyDays: 90,
  turnaroundHours: 1,
  issuedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2026-01-15T00:00:00Z',
};

describe('summaryFromQuote', () => {
  it('adds up parts and labour across repairs and carries the surcharge, discount and VAT', () => {
    expect(summaryFromQuote(quote)).toEqual({
      currency: 'GBP',
      partsMinor: 19300,
      labourMinor: 8600,
      urgency: 'express',
      urgencySurchargeMinor: 6825,
      discountMinor: 600,
      totalMinor: 34125,
      vatRateBp: 2000,
      vatMinor: 5687,
      paidMinor: 0,
      dueMinor: 34125,
    });
  });
  it('parts + labour − discount + surcharge is the total, as the server priced it', () => {
    const s = summaryFromQuote(quote);
    expect(s.partsMinor! + s.labourMinor! - s.discountMinor! + s.urgencySurchargeMinor!).toBe(s.totalMinor);
  });
  it('what was paid already is taken off what is due, never below zero', () => {
    expect(summaryFromQuote(quote, 10000).dueMinor).toBe(24125);
    expect(summaryFromQuote(quote, 50000).dueMinor).toBe(0);
  });
});

describe('summaryFromBalance', () => {
  it('shows the balance as the server computed it (no parts/labour: lines may be revised)', () => {
    const s = summaryFromBalance({
      currency: 'GBP',
      totalMinor: 21900,
      vatRateBp: 2000,
      netMinor: 18250,
      vatMinor: 3650,
      capturedMinor: 5000,
      paidMinor: 5000,
      refundedMinor: 0,
      dueMinor: 16900,
      owedMinor: 0,
      cancelled: false,
    });
    expect(s).toEqual({
      currency: 'GBP',
      totalMinor: 21900,
      vatRateBp: 2000,
      vatMinor: 3650,
      paidMinor: 5000,
      refundedMinor: 0,
      dueMinor: 16900,
      owedMinor: 0,
    });
    expect(s.partsMinor).toBeUndefined();
  });
  it('after a refund the rows add up: paid (as taken) less refunded, total less paid is due', () => {
    const s = summaryFromBalance({
      currency: 'GBP',
      totalMinor: 19410,
      vatRateBp: 2000,
      netMinor: 16175,
      vatMinor: 3235,
      capturedMinor: 19410,
      paidMinor: 17410,
      refundedMinor: 2000,
      dueMinor: 0,
      owedMinor: 0,
      cancelled: false,
    });
    expect(s).toMatchObject({ paidMinor: 19410, refundedMinor: 2000, dueMinor: 0 });
    expect(s.totalMinor - s.paidMinor).toBe(s.dueMinor);
  });
});
