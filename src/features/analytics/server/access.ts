/**
 * Who may read analytics, and over what: the scope every metric, the dashboard and the exports
 * are computed over, built from the query and the caller.
 * - signed out: 401; customers and technicians: 403 (the CASL subject `Analytics`, action `read`);
 * - a manager: their own shop only (naming another shop, or `all`, is 403; a manager tied to no
 *   shop is 403: no shop to read);
 * - an admin: every shop (`shop` absent or `all`: shopSlugs null, orders without a shop included)
 *   or one.
 * Dates are calendar days in the shop's time zone (every shop: the first shop's by slug order).
 */
import { TZDate } from '@date-fns/tz';
import { asc } from 'drizzle-orm';
import { DomainError, type FieldError } from '@/server/domain-error';
import type { Db } from '@/server/db/client';
import { shops, type Role } from '@/server/db/schema';
import { defineAbilityFor } from '@/features/access';
import type { Compare, Interval } from '../metrics';
import { AnalyticsQuerySchema } from '../schemas';
import type { AnalyticsScope } from './scope';

/** The caller as analytics needs them (the session user fits). */
export interface AnalyticsViewer {
  id: string;
  role: Role;
  shopSlug: string | null;
  mustSetUpTwoFactor?: boolean;
}

/** Money is stored in GBP minor units everywhere (the catalogue's `currency` default; shops have none). */
export const ANALYTICS_CURRENCY = 'GBP';
/** Used only when there is no shop at all. */
const FALLBACK_TIME_ZONE = 'Europe/London';
export const DEFAULT_RANGE_DAYS = 30;
/** at most 3 years: 3 x 365 days + a leap day */
export const MAX_RANGE_DAYS = 1096;

const DAY_MS = 86_400_000;

/** YYYY-MM-DD -> days since 1970-01-01 (calendar arithmetic, no time zone). */
function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}
function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
/** The same date `years` earlier (29 February becomes the 28th). */
function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}

/** Midnight starting `date` in `timeZone`, as an instant. */
export function midnightIn(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function todayIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The default bucket for a range of `days` days. */
export function defaultInterval(days: number): Interval {
  if (days <= 45) return 'day';
  if (days <= 200) return 'week';
  return 'month';
}

/** The comparison range (inclusive dates) of [from, to], or null. */
export function compareRangeOf(
  compare: Compare,
  from: string,
  to: string,
): { from: string; to: string } | null {
  if (compare === 'none') return null;
  if (compare === 'year') return { from: yearsBefore(from, 1), to: yearsBefore(to, 1) };
  const days = dayNumber(to) - dayNumber(from) + 1;
  return { from: dateOfDay(dayNumber(from) - days), to: dateOfDay(dayNumber(from) - 1) };
}

/** Throws 401/403 unless the viewer may read analytics at all. */
export function assertAnalyticsReader(viewer: AnalyticsViewer | null): asserts viewer is AnalyticsViewer {
  if (!viewer) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
  if (!defineAbilityFor(viewer).can('read', 'Analytics')) {
    throw new DomainError('FORBIDDEN', 'Analytics are for managers and admins.');
  }
}

/**
 * The shops a viewer reads: null (every shop, admins) or one slug. Throws 401/403 (access) or
 * 422 (an unknown shop).
 */
async function shopsFor(
  db: Db,
  viewer: AnalyticsViewer,
  requested: string | undefined,
): Promise<string[] | null> {
  if (viewer.role !== 'admin') {
    if (!viewer.shopSlug)
      throw new DomainError('FORBIDDEN', 'Your account is not tied to a shop: ask an admin.');
    if (requested !== undefined && requested !== viewer.shopSlug) {
      throw new DomainError('FORBIDDEN', "You can see your own shop's figures only.");
    }
    return [viewer.shopSlug];
  }
  if (requested === undefined || requested === 'all') return null;
  return [requested];
}

/**
 * The scope of an analytics read for `viewer`, from the query (raw strings are parsed here too,
 * so any caller may hand the request's query straight in). Throws DomainError: 401 signed out,
 * 403 not allowed (see above), 422 with field messages for a bad query.
 */
export async function resolveAnalyticsScope(
  db: Db,
  viewer: AnalyticsViewer | null,
  query: Record<string, unknown>,
  now: Date = new Date(),
): Promise<AnalyticsScope> {
  assertAnalyticsReader(viewer);
  const parsed = AnalyticsQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The request query is invalid.',
      parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.') || '(root)',
        message: i.message,
      })),
    );
  }
  const q = parsed.data;
  const shopSlugs = await shopsFor(db, viewer, q.shop);

  const rows = await db
    .select({ slug: shops.slug, timeZone: shops.timeZone })
    .from(shops)
    .orderBy(asc(shops.slug));
  let timeZone = rows[0]?.timeZone ?? FALLBACK_TIME_ZONE;
  if (shopSlugs) {
    const row = rows.find((r) => r.slug === shopSlugs[0]);
    if (!row) {
      throw new DomainError('VALIDATION_FAILED', 'The request query is invalid.', [
        { path: 'shop', message: 'There is no such shop.' },
      ]);
    }
    timeZone = row.timeZone;
  }

  const rangeTo =
    q.to ??
    (q.from && dayNumber(q.from) > dayNumber(todayIn(now, timeZone)) ? q.from : todayIn(now, timeZone));
  const rangeFrom = q.from ?? dateOfDay(dayNumber(rangeTo) - (DEFAULT_RANGE_DAYS - 1));
  const errors: FieldError[] = [];
  const days = dayNumber(rangeTo) - dayNumber(rangeFrom) + 1;
  if (days < 1) errors.push({ path: 'from', message: "'from' must be on or before 'to'." });
  else if (days > MAX_RANGE_DAYS) errors.push({ path: 'to', message: 'A range is at most 3 years.' });
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'The request query is invalid.', errors);

  const compare = q.compare ?? 'previous';
  const cmp = compareRangeOf(compare, rangeFrom, rangeTo);
  return {
    from: midnightIn(rangeFrom, timeZone),
    to: midnightIn(dateOfDay(dayNumber(rangeTo) + 1), timeZone),
    rangeFrom,
    rangeTo,
    compare,
    compareFrom: cmp ? midnightIn(cmp.from, timeZone) : null,
    compareTo: cmp ? midnightIn(dateOfDay(dayNumber(cmp.to) + 1), timeZone) : null,
    compareRangeFrom: cmp?.from ?? null,
    compareRangeTo: cmp?.to ?? null,
    shopSlugs,
    interval: q.interval ?? defaultInterval(days),
    timeZone,
    currency: ANALYTICS_CURRENCY,
    now,
  };
}
