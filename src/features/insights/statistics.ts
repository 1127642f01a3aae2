/**
 * The statistics behind the predictive insights, as pure functions over rows the queries read
 * (server/read-history.ts): percentiles of turnaround, the device-age bucket of a repair, and
 * which orders came back. Pure and shared, so the unit tests check them on hand-computed data.
 */

/**
 * The minimum sample behind each figure. Below it the figure is withheld (null) and the answer
 * says why and how many there are: a share of 3 repairs or the median of 2 turnarounds reads
 * like knowledge and is chance.
 */
export const INSIGHT_MINIMUMS = {
  /** received, not cancelled orders of the model with at least one booked repair */
  repairs: 10,
  /** orders of one age bucket, before that bucket's shares are shown */
  bucket: 5,
  /** orders with both a receipt and a "ready for collection" */
  turnaround: 10,
  /** collected orders whose whole return window has passed */
  repeat: 10,
} as const;

/** A device that comes back within this many days of its collection counts as a repeat repair. */
export const REPEAT_WINDOW_DAYS = 90;

/**
 * The device's age at the repair. The catalogue knows a model's release YEAR only (no month), so
 * the age is the calendar year of the receipt minus the release year: `release-year` (in the
 * year it came out), `1-year`, `2-years`, `3-plus-years` after. No finer age is claimed than the
 * data holds.
 */
export const AGE_BUCKETS = ['release-year', '1-year', '2-years', '3-plus-years'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** The age bucket of a repair received at `at` on a model released in `releaseYear` (UTC year). */
export function ageBucket(releaseYear: number, at: Date): AgeBucket {
  const years = at.getUTCFullYear() - releaseYear;
  if (years <= 0) return 'release-year';
  if (years === 1) return '1-year';
  if (years === 2) return '2-years';
  return '3-plus-years';
}

/**
 * The p-th percentile (0..1) by linear interpolation between the closest ranks (the same as
 * PostgreSQL's percentile_cont): the median of 1, 2, 3, 4 is 2.5. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (p < 0 || p > 1 || Number.isNaN(p)) throw new RangeError('percentile: p must be within 0..1');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

export interface RepairRow {
  orderId: string;
  repairSlug: string;
  repairName: string;
  receivedAt: Date;
}

export interface RepairShare {
  slug: string;
  name: string;
  /** orders of this bucket that had this repair */
  count: number;
  /** count / all repairs of the bucket (an order with two repairs counts twice), 0..1 */
  share: number;
}

export interface BucketFigures {
  bucket: AgeBucket;
  /** orders in this bucket */
  orders: number;
  /** repairs in this bucket (the denominator of the shares) */
  repairs: number;
  enoughHistory: boolean;
  /** most common first (ties by name); empty when the bucket has too few orders */
  top: RepairShare[];
}

/**
 * The most common repairs per age bucket. Each (order, repair) pair counts once; a share is of
 * the bucket's repairs. Buckets with no orders are left out; buckets under the minimum keep
 * their counts but show no shares.
 */
export function repairsByAge(rows: readonly RepairRow[], releaseYear: number, topN = 5): BucketFigures[] {
  const byBucket = new Map<AgeBucket, { orders: Set<string>; counts: Map<string, RepairShare> }>();
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.orderId}\u0000${r.repairSlug}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const bucket = ageBucket(releaseYear, r.receivedAt);
    let b = byBucket.get(bucket);
    if (!b) byBucket.set(bucket, (b = { orders: new Set(), counts: new Map() }));
    b.orders.add(r.orderId);
    const c = b.counts.get(r.repairSlug) ?? { slug: r.repairSlug, name: r.repairName, count: 0, share: 0 };
    c.count += 1;
    b.counts.set(r.repairSlug, c);
  }
  return AGE_BUCKETS.flatMap((bucket) => {
    const b = byBucket.get(bucket);
    if (!b) return [];
    const counts = [...b.counts.values()];
    const repairs = counts.reduce((sum, c) => sum + c.count, 0);
    const enoughHistory = b.orders.size >= INSIGHT_MINIMUMS.bucket;
    const top = enoughHistory
      ? counts
          .map((c) => ({ ...c, share: c.count / repairs }))
          .sort((x, y) => y.count - x.count || x.name.localeCompare(y.name))
          .slice(0, topN)
      : [];
    return [{ bucket, orders: b.orders.size, repairs, enoughHistory, top }];
  });
}

export interface DeviceVisit {
  orderId: string;
  modelSlug: string;
  /** IMEI or serial as stored (upper case, no separators), when recorded */
  imeiSerial: string | null;
  /** the customer: account id, else e-mail, else phone digits (see customerKey); null if none */
  customerKey: string | null;
  /** when the device came in: received, else booked */
  arrivedAt: Date;
  collectedAt: Date | null;
}

/** One key per customer: their account, else their e-mail (any case), else their phone's digits. */
export function customerKey(c: {
  userId: string | null;
  email: string | null;
  phone: string | null;
}): string | null {
  if (c.userId) return `user:${c.userId}`;
  const email = c.email?.trim().toLowerCase();
  if (email) return `email:${email}`;
  const digits = c.phone?.replace(/\D/g, '') ?? '';
  return digits.length >= 6 ? `phone:${digits}` : null;
}

/**
 * The same device: the same IMEI/serial; or, when one of the two has none recorded, the same
 * customer with the same model. Two different IMEIs are two devices, whoever brought them.
 */
export function sameDevice(a: DeviceVisit, b: DeviceVisit): boolean {
  if (a.imeiSerial && b.imeiSerial) return a.imeiSerial === b.imeiSerial;
  return a.customerKey !== null && a.customerKey === b.customerKey && a.modelSlug === b.modelSlug;
}

export interface RepeatFigures {
  /** collected orders whose return window has fully passed by `now` */
  eligible: number;
  /** of those, how many came back within the window */
  returned: number;
}

/**
 * The repeat-repair rate's counts: of the orders collected at least REPEAT_WINDOW_DAYS before
 * `now` (so each had its whole window to come back in), those whose device arrived again, after
 * the collection and within the window. Orders collected more recently are left out rather than
 * counted as "did not come back" (which would understate the rate).
 */
export function repeatFigures(visits: readonly DeviceVisit[], now: Date): RepeatFigures {
  const windowMs = REPEAT_WINDOW_DAYS * 86_400_000;
  // group candidates so each order is compared with its likely twins only, not with every order
  const byImei = new Map<string, DeviceVisit[]>();
  const byCustomer = new Map<string, DeviceVisit[]>();
  const push = (m: Map<string, DeviceVisit[]>, k: string, v: DeviceVisit) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const v of visits) {
    if (v.imeiSerial) push(byImei, v.imeiSerial, v);
    if (v.customerKey) push(byCustomer, `${v.customerKey}\u0000${v.modelSlug}`, v);
  }
  let eligible = 0;
  let returned = 0;
  for (const a of visits) {
    if (!a.collectedAt || now.getTime() - a.collectedAt.getTime() < windowMs) continue;
    eligible += 1;
    const from = a.collectedAt.getTime();
    const candidates = [
      ...(a.imeiSerial ? (byImei.get(a.imeiSerial) ?? []) : []),
      ...(a.customerKey ? (byCustomer.get(`${a.customerKey}\u0000${a.modelSlug}`) ?? []) : []),
    ];
    const back = candidates.some(
      (b) =>
        b.orderId !== a.orderId &&
        sameDevice(a, b) &&
        b.arrivedAt.getTime() > from &&
        b.arrivedAt.getTime() <= from + windowMs,
    );
    if (back) returned += 1;
  }
  return { eligible, returned };
}
