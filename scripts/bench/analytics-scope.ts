/** The scope the analytics bench asks for: the last 365 days to today, compared with the 365 before. */
import { TZDate } from '@date-fns/tz';
import type { AnalyticsScope } from '@/features/analytics/server/scope';

const DAY = 86_400_000;

function localMidnight(now: Date, timeZone: string, daysBack: number): { at: Date; ymd: string } {
  const today = new TZDate(now.getTime(), timeZone);
  const noon = new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), 12, 0, timeZone);
  const d = new TZDate(noon.getTime() - daysBack * DAY, timeZone);
  const at = new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), 0, 0, timeZone);
  const ymd = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { at: new Date(at.getTime()), ymd };
}

export function yearScope(now: Date, timeZone: string, shopSlugs: string[] | null): AnalyticsScope {
  const from = localMidnight(now, timeZone, 364);
  const to = localMidnight(now, timeZone, -1);
  const today = localMidnight(now, timeZone, 0);
  const compareFrom = localMidnight(now, timeZone, 729);
  const compareTo = localMidnight(now, timeZone, 365);
  return {
    from: from.at,
    to: to.at,
    rangeFrom: from.ymd,
    rangeTo: today.ymd,
    compare: 'previous',
    compareFrom: compareFrom.at,
    compareTo: from.at,
    compareRangeFrom: compareFrom.ymd,
    compareRangeTo: compareTo.ymd,
    shopSlugs,
    interval: 'week',
    timeZone,
    currency: 'GBP',
    now,
  };
}
