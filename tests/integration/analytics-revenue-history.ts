/**
 * A fixed money-and-customer history for the analytics revenue tests, written straight into the
 * real tables (bookings, repair orders, lines, payments, refunds, ratings) with fixed dates, and
 * `scopeFor`, which builds an AnalyticsScope in Europe/London as the API would.
 *
 * The story (London is UTC+1 in July and August 2026; the range under test is August 2026):
 *   A alice@gmail.com      London: March (paid 10000) and August (A2): a repeat customer
 *   B bob@gmail.com        London: August, 12000 paid, 3000 refunded (and a failed refund)
 *   C carol@acme-law.co.uk Manchester: two bookings in August (a business)
 *   D dave@outlook.com     London: November 2025 only (churned)
 *   E erin@gmail.com       mail-in without a shop: August
 *   F phone only           London: July, paid 7000 in July, refunded in full on 2 August
 *   G greg@gmail.com       London: a cancelled booking in August (never counted)
 *   H hank@gmail.com       London: January 2024 only (too old to churn)
 *   I ida@gmail.com        London: booked 28 August, collected and paid 31 Aug 23:30 UTC (1 Sept)
 *   J jo@gmail.com         London: booked and paid 31 July 23:15/23:30 UTC (1 August in London)
 *   K kim@gmail.com        London: July only
 */
import { randomBytes } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import type { Db } from '@/server/db/client';
import {
  bookings,
  paymentRefunds,
  payments,
  repairOrderLines,
  repairOrders,
  repairRatings,
  type QuoteSnapshot,
} from '@/server/db/schema';
import type { Compare, Interval } from '@/features/analytics/metrics';
import type { AnalyticsScope } from '@/features/analytics/server/scope';

type Line =
  { kind: 'repair'; slug: string; total: number; parts: number } | { kind: 'part' | 'labour'; total: number };

export interface HistoryOrder {
  shop: string | null;
  email?: string;
  phone?: string;
  /** ISO (UTC) */
  booked: string;
  collected?: string;
  cancelled?: boolean;
  lines: Line[];
  payments?: Array<{
    amount: number;
    status: 'succeeded' | 'refunded' | 'partially_refunded' | 'failed' | 'pending';
    at: string;
    refunds?: Array<{ amount: number; at: string; status?: 'succeeded' | 'failed' }>;
  }>;
  rating?: { score: number; comment?: string; at: string };
}

const repair = (slug: string, total: number, parts: number): Line => ({ kind: 'repair', slug, total, parts });

export const HISTORY: Record<string, HistoryOrder> = {
  A1: {
    shop: 'london',
    email: 'alice@gmail.com',
    booked: '2026-03-10T10:00:00Z',
    collected: '2026-03-15T10:00:00Z',
    lines: [repair('screen-crack', 10_000, 4_000)],
    payments: [{ amount: 10_000, status: 'succeeded', at: '2026-03-15T10:00:00Z' }],
  },
  A2: {
    shop: 'london',
    email: 'Alice@Gmail.com',
    booked: '2026-08-05T10:00:00Z',
    collected: '2026-08-08T10:00:00Z',
    lines: [
      repair('battery', 6_000, 2_000),
      { kind: 'part', total: 1_500 },
      { kind: 'labour', total: 2_500 },
    ],
    payments: [{ amount: 10_000, status: 'succeeded', at: '2026-08-08T10:00:00Z' }],
    // 23:30 UTC on 9 August is 10 August in London
    rating: { score: 5, comment: 'Great service', at: '2026-08-09T23:30:00Z' },
  },
  B1: {
    shop: 'london',
    email: 'bob@gmail.com',
    booked: '2026-08-10T09:00:00Z',
    collected: '2026-08-12T09:00:00Z',
    lines: [repair('screen-crack', 12_000, 5_000)],
    payments: [
      {
        amount: 12_000,
        status: 'partially_refunded',
        at: '2026-08-12T09:00:00Z',
        refunds: [
          { amount: 3_000, at: '2026-08-14T09:00:00Z' },
          { amount: 1_000, at: '2026-08-15T09:00:00Z', status: 'failed' },
        ],
      },
    ],
    rating: { score: 4, comment: '   ', at: '2026-08-13T08:00:00Z' },
  },
  C1: {
    shop: 'manchester',
    email: 'carol@acme-law.co.uk',
    booked: '2026-08-12T09:00:00Z',
    collected: '2026-08-16T15:00:00Z',
    lines: [repair('battery', 8_000, 3_000)],
    payments: [{ amount: 8_000, status: 'succeeded', at: '2026-08-16T15:00:00Z' }],
  },
  C2: {
    shop: 'manchester',
    email: 'carol@acme-law.co.uk',
    booked: '2026-08-20T09:00:00Z',
    lines: [repair('screen-crack', 9_500, 3_500)],
    payments: [
      { amount: 5_000, status: 'succeeded', at: '2026-08-20T10:00:00Z' },
      { amount: 4_000, status: 'failed', at: '2026-08-20T10:05:00Z' },
      { amount: 4_500, status: 'pending', at: '2026-08-21T10:00:00Z' },
    ],
  },
  D1: {
    shop: 'london',
    email: 'dave@outlook.com',
    booked: '2025-11-01T10:00:00Z',
    collected: '2025-11-05T10:00:00Z',
    lines: [repair('battery', 5_000, 2_000)],
    payments: [{ amount: 5_000, status: 'succeeded', at: '2025-11-05T10:00:00Z' }],
  },
  E1: {
    shop: null,
    email: 'erin@gmail.com',
    booked: '2026-08-15T09:00:00Z',
    collected: '2026-08-25T12:00:00Z',
    lines: [repair('screen-crack', 9_000, 3_500)],
    payments: [{ amount: 9_000, status: 'succeeded', at: '2026-08-25T12:00:00Z' }],
    rating: { score: 2, comment: 'Took too long', at: '2026-08-26T10:00:00Z' },
  },
  F1: {
    shop: 'london',
    phone: '+447700900123',
    booked: '2026-07-20T09:00:00Z',
    collected: '2026-07-25T11:00:00Z',
    lines: [repair('screen-crack', 7_000, 2_500)],
    payments: [
      {
        amount: 7_000,
        status: 'refunded',
        at: '2026-07-25T11:00:00Z',
        refunds: [{ amount: 7_000, at: '2026-08-02T10:00:00Z' }],
      },
    ],
    rating: { score: 1, comment: 'Broke again', at: '2026-07-28T10:00:00Z' },
  },
  G1: {
    shop: 'london',
    email: 'greg@gmail.com',
    booked: '2026-08-18T09:00:00Z',
    cancelled: true,
    lines: [repair('battery', 6_000, 2_000)],
  },
  H1: {
    shop: 'london',
    email: 'hank@gmail.com',
    booked: '2024-01-05T10:00:00Z',
    collected: '2024-01-08T10:00:00Z',
    lines: [repair('battery', 4_000, 1_500)],
    payments: [{ amount: 4_000, status: 'succeeded', at: '2024-01-08T10:00:00Z' }],
  },
  I1: {
    shop: 'london',
    email: 'ida@gmail.com',
    booked: '2026-08-28T09:00:00Z',
    collected: '2026-08-31T23:30:00Z',
    lines: [repair('battery', 6_000, 2_000)],
    payments: [{ amount: 6_000, status: 'succeeded', at: '2026-08-31T23:30:00Z' }],
  },
  J1: {
    shop: 'london',
    email: 'jo@gmail.com',
    booked: '2026-07-31T23:15:00Z',
    lines: [repair('screen-crack', 9_000, 3_000)],
    payments: [{ amount: 3_000, status: 'succeeded', at: '2026-07-31T23:30:00Z' }],
  },
  K1: {
    shop: 'london',
    email: 'kim@gmail.com',
    booked: '2026-07-05T09:00:00Z',
    collected: '2026-07-10T09:00:00Z',
    lines: [repair('screen-crack', 11_000, 4_500)],
    payments: [{ amount: 11_000, status: 'succeeded', at: '2026-07-10T09:00:00Z' }],
  },
};

/** Writes HISTORY; answers each order's reference by its key (A1, B1, ...). */
export async function writeRevenueHistory(db: Db): Promise<Record<string, string>> {
  const references: Record<string, string> = {};
  for (const [key, o] of Object.entries(HISTORY)) {
    const reference = `RT-${key}${randomBytes(2).toString('hex').toUpperCase()}`;
    references[key] = reference;
    const booked = new Date(o.booked);
    const total = o.lines.reduce((s, l) => s + l.total, 0);
    const [booking] = await db
      .insert(bookings)
      .values({
        reference,
        trackingTokenHash: randomBytes(16).toString('hex'),
        serviceType: o.shop ? 'drop_off' : 'mail_in',
        shopSlug: o.shop,
        modelSlug: 'iphone-15',
        customerName: `Customer ${key}`,
        customerEmail: o.email ?? null,
        customerPhone: o.phone ?? null,
        urgency: 'standard',
        paymentMethod: 'online',
        quote: {} as QuoteSnapshot,
        totalMinor: total,
        currency: 'GBP',
        status: o.cancelled ? 'cancelled' : 'confirmed',
        createdAt: booked,
      })
      .returning({ id: bookings.id });
    const [order] = await db
      .insert(repairOrders)
      .values({
        reference,
        bookingId: booking!.id,
        shopSlug: o.shop,
        status: o.cancelled ? 'cancelled' : o.collected ? 'collected' : 'repairing',
        receivedAt: o.cancelled ? null : booked,
        collectedAt: o.collected ? new Date(o.collected) : null,
        createdAt: booked,
      })
      .returning({ id: repairOrders.id });
    const orderId = order!.id;
    await db.insert(repairOrderLines).values(
      o.lines.map((l) => ({
        orderId,
        kind: l.kind,
        repairSlug: l.kind === 'repair' ? l.slug : null,
        description: l.kind === 'repair' ? l.slug : l.kind,
        unitMinor: l.total,
        partsMinor: l.kind === 'repair' ? l.parts : l.kind === 'part' ? l.total : 0,
        labourMinor: l.kind === 'labour' ? l.total : 0,
        totalMinor: l.total,
      })),
    );
    for (const p of o.payments ?? []) {
      const taken = ['succeeded', 'refunded', 'partially_refunded'].includes(p.status);
      const refunded = (p.refunds ?? []).filter((r) => (r.status ?? 'succeeded') === 'succeeded');
      const [payment] = await db
        .insert(payments)
        .values({
          orderId,
          bookingId: booking!.id,
          provider: 'sandbox',
          status: p.status,
          amountMinor: p.amount,
          currency: 'GBP',
          refundedMinor: refunded.reduce((s, r) => s + r.amount, 0),
          providerPaymentId: `sbx_${randomBytes(6).toString('hex')}`,
          createdAt: new Date(p.at),
          succeededAt: taken ? new Date(p.at) : null,
        })
        .returning({ id: payments.id });
      for (const r of p.refunds ?? []) {
        await db.insert(paymentRefunds).values({
          paymentId: payment!.id,
          amountMinor: r.amount,
          reason: 'test',
          status: r.status ?? 'succeeded',
          createdAt: new Date(r.at),
        });
      }
    }
    if (o.rating) {
      await db.insert(repairRatings).values({
        orderId,
        shopSlug: o.shop,
        score: o.rating.score,
        comment: o.rating.comment ?? null,
        createdAt: new Date(o.rating.at),
      });
    }
  }
  return references;
}

export const TIME_ZONE = 'Europe/London';

/** Midnight at the start of the date `ymd` in London. */
export function londonMidnight(ymd: string): Date {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, TIME_ZONE).getTime());
}

function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addYears(ymd: string, years: number): string {
  return `${Number(ymd.slice(0, 4)) + years}${ymd.slice(4)}`;
}

/** An AnalyticsScope as the API builds one: dates in Europe/London, GBP. */
export function scopeFor(opts: {
  from: string;
  to: string;
  compare?: Compare;
  shopSlugs?: string[] | null;
  interval?: Interval;
  now?: Date;
}): AnalyticsScope {
  const compare = opts.compare ?? 'previous';
  const days = Math.round((Date.parse(opts.to) - Date.parse(opts.from)) / 86_400_000) + 1;
  let compareRangeFrom: string | null = null;
  let compareRangeTo: string | null = null;
  if (compare === 'previous') {
    compareRangeFrom = addDays(opts.from, -days);
    compareRangeTo = addDays(opts.from, -1);
  } else if (compare === 'year') {
    compareRangeFrom = addYears(opts.from, -1);
    compareRangeTo = addYears(opts.to, -1);
  }
  return {
    from: londonMidnight(opts.from),
    to: londonMidnight(addDays(opts.to, 1)),
    rangeFrom: opts.from,
    rangeTo: opts.to,
    compare,
    compareFrom: compareRangeFrom ? londonMidnight(compareRangeFrom) : null,
    compareTo: compareRangeTo ? londonMidnight(addDays(compareRangeTo, 1)) : null,
    compareRangeFrom,
    compareRangeTo,
    shopSlugs: opts.shopSlugs === undefined ? null : opts.shopSlugs,
    interval: opts.interval ?? 'day',
    timeZone: TIME_ZONE,
    currency: 'GBP',
    now: opts.now ?? new Date('2026-09-15T12:00:00Z'),
  };
}
