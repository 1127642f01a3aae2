/**
 * Who may read analytics, and over what (contracts.md "Access"): signed out 401; customers and
 * technicians 403; a manager their own shop only (another shop 403, a manager without a shop
 * 403); an admin every shop or the one named. Turns the query (`from`, `to`, `compare`, `shop`,
 * `interval`) into the AnalyticsScope every metric is computed over.
 *
 * MINIMAL VERSION written by an-exports so the exports have a scope before an-dashboard's lands;
 * at merge an-dashboard's file replaces this one (same path, same signature).
 */
import { TZDate } from '@date-fns/tz';
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import { shops } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import type { SessionUser } from '@/server/http/app';
import type { Compare, Interval } from '../metrics';
import type { AnalyticsScope } from './scope';

export interface AnalyticsQuery {
  from?: string;
  to?: string;
  compare?: Compare;
  shop?: string;
  interval?: Interval;
}

const DEFAULT_ZONE = 'Europe/London';
const DEFAULT_CURRENCY = 'GBP';
const MAX_DAYS = 3 * 366;

const DAY = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => isoOf(toDay(iso) + n * DAY);

/** Midnight at the start of `iso` (YYYY-MM-DD) in `timeZone`. */
function midnight(iso: string, timeZone: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

function todayIn(timeZone: string, now: Date): string {
  const t = new TZDate(now.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

function shopsFor(user: SessionUser | null, shop: string | undefined): string[] | null {
  if (!user) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
  const staffRole = user.role === 'manager' || user.role === 'admin';
  if (staffRole && user.mustSetUpTwoFactor) {
    throw new DomainError(
      'TWO_FACTOR_SETUP_REQUIRED',
      'Your role needs two-factor authentication: set it up on your account’s security page first.',
    );
  }
  if (!staffRole) throw new DomainError('FORBIDDEN', 'Analytics are for managers and admins.');
  if (user.role === 'admin') return !shop || shop === 'all' ? null : [shop];
  if (!user.shopSlug) throw new DomainError('FORBIDDEN', 'Analytics need a shop: ask an admin to set yours.');
  if (shop && shop !== 'all' && shop !== user.shopSlug) {
    throw new DomainError('FORBIDDEN', "You may read your own shop's analytics only.");
  }
  return [user.shopSlug];
}

/** The scope of an analytics read, or a DomainError (401, 403, 404 unknown shop, 422 bad range). */
export async function resolveAnalyticsScope(
  db: Db,
  user: SessionUser | null,
  query: AnalyticsQuery,
  now: Date = new Date(),
): Promise<AnalyticsScope> {
  const shopSlugs = shopsFor(user, query.shop);
  let timeZone = DEFAULT_ZONE;
  if (shopSlugs?.length === 1) {
    const [row] = await db
      .select({ timeZone: shops.timeZone })
      .from(shops)
      .where(eq(shops.slug, shopSlugs[0]!));
    if (!row) throw new DomainError('NOT_FOUND', 'There is no such shop.');
    timeZone = row.timeZone;
  }
  const rangeTo = query.to ?? todayIn(timeZone, now);
  const rangeFrom = query.from ?? addDays(rangeTo, -29);
  const days = (toDay(rangeTo) - toDay(rangeFrom)) / DAY + 1;
  if (days < 1) {
    throw new DomainError('VALIDATION_FAILED', 'The range ends before it starts.', [
      { path: 'from', message: '`from` must be on or before `to`.' },
    ]);
  }
  if (days > MAX_DAYS) {
    throw new DomainError('VALIDATION_FAILED', 'The range is too long.', [
      { path: 'to', message: 'A range covers at most 3 years.' },
    ]);
  }
  const compare = query.compare ?? 'previous';
  let compareRangeFrom: string | null = null;
  let compareRangeTo: string | null = null;
  if (compare === 'previous') {
    compareRangeTo = addDays(rangeFrom, -1);
    compareRangeFrom = addDays(compareRangeTo, -(days - 1));
  } else if (compare === 'year') {
    const yearBack = (iso: string) =>
      `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`.replace('-02-29', '-02-28');
    compareRangeFrom = yearBack(rangeFrom);
    compareRangeTo = yearBack(rangeTo);
  }
  return {
    from: midnight(rangeFrom, timeZone),
    to: midnight(addDays(rangeTo, 1), timeZone),
    rangeFrom,
    rangeTo,
    compare,
    compareFrom: compareRangeFrom ? midnight(compareRangeFrom, timeZone) : null,
    compareTo: compareRangeTo ? midnight(addDays(compareRangeTo, 1), timeZone) : null,
    compareRangeFrom,
    compareRangeTo,
    shopSlugs,
    interval: query.interval ?? (days <= 31 ? 'day' : days <= 190 ? 'week' : 'month'),
    timeZone,
    currency: DEFAULT_CURRENCY,
    now,
  };
}
