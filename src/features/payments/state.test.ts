import { describe, expect, it } from 'vitest';
import { PAYMENT_STATUSES, type PaymentStatus } from '@/server/db/schema';
import { applyProviderStatus, canMove, isCaptured, statusAfterRefund, type ProviderStatus } from './state';

const REPORTS: ProviderStatus[] = ['pending', 'requires_action', 'succeeded', 'failed'];

describe('payment state machine', () => {
  it.each<[PaymentStatus, ProviderStatus, PaymentStatus]>([
    ['pending', 'requires_action', 'requires_action'],
    ['pending', 'succeeded', 'succeeded'],
    ['pending', 'failed', 'failed'],
    ['requires_action', 'succeeded', 'succeeded'],
    ['requires_action', 'failed', 'failed'],
    // stale news after an action was asked for
    ['requires_action', 'pending', 'requires_action'],
    // a declined card may be tried again
    ['failed', 'pending', 'pending'],
    ['failed', 'succeeded', 'succeeded'],
    ['failed', 'requires_action', 'requires_action'],
    // money taken: nothing a provider says about the attempt moves it back
    ['succeeded', 'failed', 'succeeded'],
    ['succeeded', 'pending', 'succeeded'],
    ['succeeded', 'requires_action', 'succeeded'],
    ['partially_refunded', 'succeeded', 'partially_refunded'],
    ['refunded', 'failed', 'refunded'],
  ])('%s + provider says %s → %s', (from, reported, to) => {
    expect(applyProviderStatus(from, reported)).toBe(to);
  });

  it('never leaves a captured state through a provider report, whatever the order of reports', () => {
    for (const start of PAYMENT_STATUSES.filter(isCaptured)) {
      for (const r of REPORTS) expect(isCaptured(applyProviderStatus(start, r))).toBe(true);
    }
  });

  it('reaches the same final state for any order of the same reports once success is among them', () => {
    const reports: ProviderStatus[] = ['requires_action', 'pending', 'succeeded', 'failed'];
    const perms = (xs: ProviderStatus[]): ProviderStatus[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    for (const order of perms(reports)) {
      // `failed` reported after `succeeded` is ignored; `succeeded` after `failed` wins
      const final = order.reduce<PaymentStatus>((s, r) => applyProviderStatus(s, r), 'pending');
      expect(final, order.join(' → ')).toBe('succeeded');
    }
  });

  it('only allows the documented moves', () => {
    expect(canMove('succeeded', 'pending')).toBe(false);
    expect(canMove('refunded', 'partially_refunded')).toBe(false);
    expect(canMove('partially_refunded', 'refunded')).toBe(true);
    expect(canMove('pending', 'refunded')).toBe(false);
  });

  it('refunds: partial, then full; never before the money was taken', () => {
    expect(statusAfterRefund('succeeded', 1000, 0)).toBe('succeeded');
    expect(statusAfterRefund('succeeded', 1000, 400)).toBe('partially_refunded');
    expect(statusAfterRefund('partially_refunded', 1000, 1000)).toBe('refunded');
    expect(statusAfterRefund('refunded', 1000, 400)).toBe('refunded');
    expect(statusAfterRefund('pending', 1000, 400)).toBe('pending');
    expect(statusAfterRefund('failed', 1000, 1000)).toBe('failed');
  });
});
