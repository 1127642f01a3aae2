/** Figures as people read them: money with Intl in en-GB and the result's currency, percent, hours. */
import type { Unit } from '../metrics';

export function formatValue(
  unit: Unit,
  value: number | string | null,
  currency: string,
  locale = 'en-GB',
): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'money':
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value / 100);
    case 'percent':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'hours':
    case 'days':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    case 'rating':
      // 3.98 out of 5 must not read as a round 4
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(
        value,
      );
    case 'date':
      return new Date(value).toLocaleDateString(locale);
    default:
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  }
}

/** A change as a signed percent (+12.5%), or null. */
export function formatChange(change: number | null, locale = 'en-GB'): string | null {
  if (change === null) return null;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(change);
}

/** Today, and the dates of the range presets, as YYYY-MM-DD in the browser's calendar. */
const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export const PRESETS = ['7d', '30d', 'thisMonth', 'lastMonth', '90d', '12m', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export function presetRange(
  preset: Exclude<Preset, 'custom'>,
  today = new Date(),
): { from: string; to: string } {
  const y = today.getFullYear();
  const m = today.getMonth();
  const daysBack = (n: number) => new Date(y, m, today.getDate() - n);
  switch (preset) {
    case '7d':
      return { from: iso(daysBack(6)), to: iso(today) };
    case '30d':
      return { from: iso(daysBack(29)), to: iso(today) };
    case '90d':
      return { from: iso(daysBack(89)), to: iso(today) };
    case 'thisMonth':
      return { from: iso(new Date(y, m, 1)), to: iso(today) };
    case 'lastMonth':
      return { from: iso(new Date(y, m - 1, 1)), to: iso(new Date(y, m, 0)) };
    case '12m':
      return { from: iso(new Date(y - 1, m, today.getDate() + 1)), to: iso(today) };
  }
}
