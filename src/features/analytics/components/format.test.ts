import { describe, expect, it } from 'vitest';
import { formatChange, formatValue, presetRange } from './format';

describe('analytics formatting', () => {
  it('formats money from minor units, percent from fractions, hours as decimals', () => {
    expect(formatValue('money', 123_456, 'GBP')).toBe('£1,234.56');
    expect(formatValue('percent', 0.305, 'GBP')).toBe('30.5%');
    expect(formatValue('hours', 33.25, 'GBP')).toBe('33.3');
    expect(formatValue('count', null, 'GBP')).toBe('–');
    // an average rating keeps its decimals: 3.98 is not a round 4
    expect(formatValue('rating', 3.98, 'GBP')).toBe('3.98');
    expect(formatValue('rating', 4, 'GBP')).toBe('4.0');
    expect(formatChange(0.3)).toBe('+30%');
    expect(formatChange(null)).toBeNull();
  });

  it('computes the range presets', () => {
    const today = new Date(2026, 2, 15);
    expect(presetRange('7d', today)).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('12m', today)).toEqual({ from: '2025-03-16', to: '2026-03-15' });
  });
});
