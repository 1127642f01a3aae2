/**
 * What a metric is computed over. Built by the API from the query (`from`, `to`, `compare`,
 * `shop`, `interval`) and the caller (a manager is held to their shop), then handed to every
 * metric function unchanged.
 */
import type { Compare, Interval } from '../metrics';

export interface AnalyticsScope {
  /** inclusive start: midnight of `rangeFrom` in `timeZone` */
  from: Date;
  /** exclusive end: midnight after `rangeTo` in `timeZone` */
  to: Date;
  /** the dates as asked (YYYY-MM-DD, inclusive both ends) */
  rangeFrom: string;
  rangeTo: string;
  compare: Compare;
  /** the comparison range (same length: the one before, or a year before); null for `none` */
  compareFrom: Date | null;
  compareTo: Date | null;
  compareRangeFrom: string | null;
  compareRangeTo: string | null;
  /** null: every shop, and orders without one (admins only); else only these shops */
  shopSlugs: string[] | null;
  interval: Interval;
  /** IANA zone that days, weeks (Monday first) and months are counted in */
  timeZone: string;
  currency: string;
  /** "now" for ages, overdue and forecasts (tests fix it) */
  now: Date;
}
