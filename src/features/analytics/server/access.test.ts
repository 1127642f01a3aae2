import { describe, expect, it } from 'vitest';
import { compareRangeOf, defaultInterval, midnightIn, todayIn } from './access';

describe('analytics scope arithmetic', () => {
  it('compares with the same number of days just before, or the same dates a year before', () => {
    expect(compareRangeOf('previous', '2026-03-01', '2026-03-31')).toEqual({
      from: '2026-01-29',
      to: '2026-02-28',
    });
    expect(compareRangeOf('year', '2024-02-01', '2024-02-29')).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(compareRangeOf('none', '2026-03-01', '2026-03-31')).toBeNull();
  });

  it('picks day up to 45 days, week up to 200, else month', () => {
    expect([
      defaultInterval(1),
      defaultInterval(45),
      defaultInterval(46),
      defaultInterval(200),
      defaultInterval(201),
    ]).toEqual(['day', 'day', 'week', 'week', 'month']);
  });

  it('finds midnight and today in the shop time zone (BST and GMT)', () => {
    expect(midnightIn('2026-07-01', 'Europe/London').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(midnightIn('2026-01-01', 'Europe/London').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(todayIn(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01');
  });
});
