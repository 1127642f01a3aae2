/** Days, opening times and the demand curve of the demo year (weekly pattern, seasons, growth). */
import { TZDate } from '@date-fns/tz';
import type { Random } from './random';

const DAY = 86_400_000;

export interface LocalDay {
  y: number;
  /** 0-11 */
  m: number;
  d: number;
  /** 0 Sunday … 6 Saturday */
  weekday: number;
}

/** The calendar day `offset` days before `now`'s day in `timeZone` (negative: after). */
export function localDay(now: Date, timeZone: string, offset: number): LocalDay {
  const today = new TZDate(now.getTime(), timeZone);
  const noon = new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), 12, 0, timeZone);
  const day = new TZDate(noon.getTime() - offset * DAY, timeZone);
  return { y: day.getFullYear(), m: day.getMonth(), d: day.getDate(), weekday: day.getDay() };
}

/** The instant of a local wall-clock time on `day` in `timeZone`. */
export function at(day: LocalDay, hours: number, timeZone: string): Date {
  const h = Math.floor(hours);
  const min = Math.round((hours - h) * 60);
  return new Date(new TZDate(day.y, day.m, day.d, h, min, timeZone).getTime());
}

const MONTH = [0.95, 0.88, 0.94, 0.98, 1.0, 0.93, 0.8, 0.74, 1.06, 1.0, 1.1, 1.28];
const WEEKDAY = [0.35, 1.05, 0.95, 0.95, 1.0, 1.1, 1.35];

/**
 * Expected orders on `day` relative to an average day: the weekly pattern (Saturday busiest,
 * Sunday quiet), the months (summer dip, September's new phones, the December peak, closed on
 * Christmas and Boxing Day) and growth over the year (about +45% from the first day to the last).
 */
export function demand(day: LocalDay, offset: number, days: number): number {
  if (day.m === 11 && (day.d === 25 || day.d === 26)) return 0;
  let f = MONTH[day.m]! * WEEKDAY[day.weekday]!;
  if (day.m === 11 && day.d >= 12 && day.d <= 23) f *= 1.35;
  const age = Math.min(1, Math.max(0, offset / days));
  return f * (1.2 - 0.38 * age);
}

/** A time of day within opening hours (09:30 to 17:30, fewer on Sunday), in decimal hours. */
export function openingHour(rng: Random, day: LocalDay): number {
  const [open, close] = day.weekday === 0 ? [11, 16] : [9.5, 17.5];
  // busier around lunch and after work: the mean of two uniforms peaks mid-day
  return open + ((rng.next() + rng.next()) / 2) * (close - open);
}
