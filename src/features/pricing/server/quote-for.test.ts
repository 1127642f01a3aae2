import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '@/features/catalog/server';
import { DomainError } from '@/server/domain-error';
import { DEFAULT_PRICING_CONFIG } from '../engine';
import { memoQuoteFromSnapshot, pricingConfigOf } from './quote-for';

function snapshotWith(screenPartsMinor: number): CatalogSnapshot {
  const model = {
    slug: 'iphone-15',
    name: 'iPhone 15',
    brand: 'apple',
    brandName: 'Apple',
    category: 'phone',
    releaseYear: 2023,
    tier: 'mid',
    aliases: [],
    words: ['apple', 'iphone', '15'],
    compact: 'appleiphone15',
  };
  const price = (repairSlug: string, partsMinor: number) => ({
    repairSlug,
    currency: 'GBP',
    partsMinor,
    labourMinor: 3000,
    warrantyDays: 90,
    turnaroundHours: 2,
  });
  return {
    categories: [],
    brands: [],
    repairTypes: new Map([
      ['screen-crack', { slug: 'screen-crack', name: 'Cracked screen', description: '', sortOrder: 1 }],
      ['battery', { slug: 'battery', name: 'Battery', description: '', sortOrder: 2 }],
    ]),
    models: [model],
    modelsBySlug: new Map([[model.slug, model]]),
    searchMemo: new Map(),
    pricesByModel: new Map([
      [
        'iphone-15',
        new Map([
          ['screen-crack', price('screen-crack', screenPartsMinor)],
          ['battery', price('battery', 2000)],
        ]),
      ],
    ]),
  };
}

const input = {
  modelSlug: 'iphone-15',
  repairSlugs: ['screen-crack', 'battery'],
  urgency: 'standard' as const,
};

describe('memoQuoteFromSnapshot', () => {
  it('answers a repeated quote with the same prices and the timestamps of its own request', () => {
    const snapshot = snapshotWith(10_000);
    const first = memoQuoteFromSnapshot(
      snapshot,
      input,
      DEFAULT_PRICING_CONFIG,
      new Date('2026-01-01T10:00:00Z'),
    );
    const again = memoQuoteFromSnapshot(
      snapshot,
      input,
      DEFAULT_PRICING_CONFIG,
      new Date('2026-02-01T10:00:00Z'),
    );
    expect(again.totalMinor).toBe(first.totalMinor);
    expect(again.lines).toEqual(first.lines);
    expect(again.issuedAt).toBe('2026-02-01T10:00:00.000Z');
    expect(again.expiresAt).toBe('2026-02-15T10:00:00.000Z');
    expect(first.issuedAt).toBe('2026-01-01T10:00:00.000Z');
  });

  it('prices from the new snapshot once the price list changed', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    const before = memoQuoteFromSnapshot(snapshotWith(10_000), input, DEFAULT_PRICING_CONFIG, now);
    const after = memoQuoteFromSnapshot(snapshotWith(20_000), input, DEFAULT_PRICING_CONFIG, now);
    expect(after.subtotalMinor - before.subtotalMinor).toBe(10_000);
  });

  it("uses a shop's own surcharges, and another shop's row gets its own quote", () => {
    const snapshot = snapshotWith(10_000);
    const now = new Date('2026-01-01T10:00:00Z');
    const express = { ...input, urgency: 'express' as const };
    const cheap = pricingConfigOf({
      urgency: {
        express: { surchargeBp: 0, minimumMinor: 0 },
        same_day: { surchargeBp: 0, minimumMinor: 0 },
      },
    });
    const dear = pricingConfigOf({
      urgency: {
        express: { surchargeBp: 5000, minimumMinor: 0 },
        same_day: { surchargeBp: 0, minimumMinor: 0 },
      },
    });
    expect(memoQuoteFromSnapshot(snapshot, express, cheap, now).urgencySurchargeMinor).toBe(0);
    expect(memoQuoteFromSnapshot(snapshot, express, dear, now).urgencySurchargeMinor).toBeGreaterThan(0);
  });

  it('refuses an unknown repair every time (errors are not remembered)', () => {
    const snapshot = snapshotWith(10_000);
    const bad = { ...input, repairSlugs: ['screen-crack', 'teleport'] };
    for (let i = 0; i < 2; i++) {
      expect(() => memoQuoteFromSnapshot(snapshot, bad, DEFAULT_PRICING_CONFIG, new Date())).toThrow(
        DomainError,
      );
    }
  });
});
