import { describe, expect, it } from 'vitest';
import { backtestMape, forecastWeekly, HORIZON_WEEKS, MIN_WEEKS, SEASON_WEEKS } from './forecasting';

/** A seeded generator (mulberry32) so the noisy series are the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** A standard normal draw (Box-Muller). */
function normal(next: () => number) {
  const u = Math.max(next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

const seasonalTruth = (t: number) => 100 + 0.5 * t + 20 * Math.sin((2 * Math.PI * t) / SEASON_WEEKS);

describe('forecastWeekly', () => {
  it('gives no forecast below the minimum history', () => {
    expect(forecastWeekly(Array.from({ length: MIN_WEEKS - 1 }, () => 10))).toBeNull();
    expect(forecastWeekly([])).toBeNull();
    expect(forecastWeekly(Array.from({ length: MIN_WEEKS }, () => 10))).not.toBeNull();
  });

  it('gives a flat forecast and a zero-width interval for a constant series', () => {
    const f = forecastWeekly(Array.from({ length: 20 }, () => 12))!;
    expect(f.model).toBe('trend');
    expect(f.points).toHaveLength(HORIZON_WEEKS);
    for (const p of f.points) {
      expect(p.value).toBeCloseTo(12, 9);
      expect(p.upper - p.lower).toBeLessThan(1e-6);
    }
  });

  it('recovers a linear trend without seasonality below two years', () => {
    const y = Array.from({ length: 40 }, (_, t) => 10 + 2 * t);
    const f = forecastWeekly(y)!;
    expect(f.model).toBe('trend');
    f.points.forEach((p) => expect(p.value).toBeCloseTo(10 + 2 * (39 + p.step), 6));
  });

  it('recovers a known trend and yearly season from three years of weeks', () => {
    const n = 3 * SEASON_WEEKS;
    const f = forecastWeekly(Array.from({ length: n }, (_, t) => seasonalTruth(t)))!;
    expect(f.model).toBe('seasonal');
    expect(f.gamma).not.toBeNull();
    for (const p of f.points) {
      const truth = seasonalTruth(n - 1 + p.step);
      expect(Math.abs(p.value - truth)).toBeLessThan(0.02 * truth);
    }
    // a trend-only model cannot follow the sine: the seasonal one is needed to get this close
    const trendOnly = forecastWeekly(Array.from({ length: 100 }, (_, t) => seasonalTruth(t)))!;
    expect(trendOnly.model).toBe('trend');
  });

  it('widens the interval with the horizon', () => {
    const next = rng(7);
    const y = Array.from({ length: 60 }, (_, t) => 50 + 0.3 * t + 5 * normal(next));
    const f = forecastWeekly(y)!;
    const widths = f.points.map((p) => p.upper - p.lower);
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeGreaterThanOrEqual(widths[i - 1]!);
    expect(widths[0]!).toBeGreaterThan(0);
  });

  it('holds the truth inside its 80% interval about 80% of the time on noisy series', () => {
    const next = rng(2026);
    let inside = 0;
    let total = 0;
    for (let trial = 0; trial < 150; trial++) {
      const level = 40 + 40 * next();
      const slope = next() - 0.5;
      const series = Array.from(
        { length: 60 + HORIZON_WEEKS },
        (_, t) => level + slope * t + 6 * normal(next),
      );
      const f = forecastWeekly(series.slice(0, 60))!;
      f.points.forEach((p, i) => {
        const actual = series[60 + i]!;
        total += 1;
        if (actual >= p.lower && actual <= p.upper) inside += 1;
      });
    }
    const coverage = inside / total;
    expect(coverage).toBeGreaterThan(0.7);
    expect(coverage).toBeLessThan(0.9);
  });

  it('clamps at zero when asked', () => {
    const y = Array.from({ length: 12 }, (_, t) => 30 - 3 * t);
    const f = forecastWeekly(y, { nonNegative: true })!;
    for (const p of f.points) expect(p.lower).toBeGreaterThanOrEqual(0);
    expect(f.points.at(-1)!.value).toBe(0);
  });
});

describe('backtestMape', () => {
  it('is 0 on an exact line and null without enough history', () => {
    expect(backtestMape(Array.from({ length: 30 }, (_, t) => 10 + t))).toBeCloseTo(0, 6);
    expect(backtestMape(Array.from({ length: MIN_WEEKS + HORIZON_WEEKS - 1 }, () => 5))).toBeNull();
  });

  it('is the mean of the absolute percentage errors', () => {
    // history of constant 10 then a jump to 20 for the last 8 weeks: the forecast says 10, so 50% off
    const y = [...Array.from({ length: 16 }, () => 10), ...Array.from({ length: 8 }, () => 20)];
    expect(backtestMape(y)).toBeCloseTo(0.5, 9);
  });
});
