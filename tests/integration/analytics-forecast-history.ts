/**
 * A fixed history for the forecast and recommendation tests, written straight into the real
 * tables: bookings at given times, orders with repair lines and a status, payments and refunds,
 * ratings and funnel events. Every time is an ISO instant (UTC).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '@/server/db/runtime';
import type { AnalyticsScope } from '@/features/analytics/server/scope';
import {
  analyticsEvents,
  bookings,
  paymentRefunds,
  payments,
  repairOrderLines,
  repairOrders,
  repairRatings,
  type QuoteSnapshot,
} from '@/server/db/schema';

const ref = () => `RT-${randomBytes(4).toString('hex').toUpperCase()}`;

/** `count` bookings created at `at` (shop null: a mail-in without a shop). */
export async function addBookings(db: Db, shop: string | null, at: string, count = 1): Promise<void> {
  if (count <= 0) return;
  await db.insert(bookings).values(
    Array.from({ length: count }, () => ({
      reference: ref(),
      trackingTokenHash: randomBytes(16).toString('hex'),
      serviceType: shop ? ('drop_off' as const) : ('mail_in' as const),
      shopSlug: shop,
      modelSlug: 'iphone-15',
      customerName: 'History Customer',
      customerEmail: `forecast-${randomBytes(4).toString('hex')}@example.com`,
      urgency: 'standard',
      paymentMethod: 'collection',
      quote: {} as QuoteSnapshot,
      totalMinor: 10_000,
      currency: 'GBP',
      createdAt: new Date(at),
    })),
  );
}

export interface OrderSpec {
  shop: string | null;
  createdAt: string;
  /** default collected: out of the queue, so only the overdue test's orders are open */
  status?: string;
  statusEnteredAt?: string;
  repairs?: string[];
}

/** An order (without a booking) with one repair line per repair; answers its id. */
export async function addOrder(db: Db, o: OrderSpec): Promise<string> {
  const [order] = await db
    .insert(repairOrders)
    .values({
      reference: ref(),
      shopSlug: o.shop,
      status: o.status ?? 'collected',
      statusEnteredAt: new Date(o.statusEnteredAt ?? o.createdAt),
      createdAt: new Date(o.createdAt),
    })
    .returning({ id: repairOrders.id });
  const id = order!.id;
  if (o.repairs?.length) {
    await db.insert(repairOrderLines).values(
      o.repairs.map((slug) => ({
        orderId: id,
        kind: 'repair' as const,
        repairSlug: slug,
        description: slug,
        totalMinor: 5_000,
      })),
    );
  }
  return id;
}

/** A payment on an order and its refunds; answers the payment id. */
export async function addPayment(
  db: Db,
  orderId: string,
  p: {
    amount: number;
    succeededAt: string | null;
    status?: 'succeeded' | 'refunded' | 'partially_refunded' | 'pending' | 'failed';
    refunds?: Array<{ amount: number; at: string; status?: 'succeeded' | 'failed' | 'pending' }>;
  },
): Promise<string> {
  const [payment] = await db
    .insert(payments)
    .values({
      orderId,
      provider: 'sandbox',
      status: p.status ?? 'succeeded',
      amountMinor: p.amount,
      currency: 'GBP',
      succeededAt: p.succeededAt ? new Date(p.succeededAt) : null,
      createdAt: new Date(p.succeededAt ?? '2020-01-01T00:00:00Z'),
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
  return payment!.id;
}

/** One rating per score, each on its own collected order, all at `at`. */
export async function addRatings(db: Db, shop: string, at: string, scores: number[]): Promise<void> {
  for (const score of scores) {
    const orderId = await addOrder(db, { shop, createdAt: at });
    await db.insert(repairRatings).values({ orderId, shopSlug: shop, score, createdAt: new Date(at) });
  }
}

/** `visits[step]` distinct visits sending a funnel_step event for that step at `at`. */
export async function addFunnel(
  db: Db,
  shop: string,
  at: string,
  visits: Record<string, number>,
): Promise<void> {
  const tag = randomBytes(3).toString('hex');
  const rows = Object.entries(visits).flatMap(([step, n]) =>
    Array.from({ length: n }, (_, i) => ({
      name: 'funnel_step',
      visitId: `visit-${tag}-${i}`,
      path: '/book-repair',
      shopSlug: shop,
      props: { step },
      occurredAt: new Date(at),
    })),
  );
  if (rows.length) await db.insert(analyticsEvents).values(rows);
}

/** `date` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD. */
export const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** A scope over from..to (inclusive dates, UTC midnights: the cases use winter or UTC dates). */
export function scopeOf(
  from: string,
  to: string,
  opts: { shops?: string[] | null; now?: string; timeZone?: string; compare?: [string, string] } = {},
): AnalyticsScope {
  return {
    from: day(from),
    to: day(plusDays(to, 1)),
    rangeFrom: from,
    rangeTo: to,
    compare: opts.compare ? 'previous' : 'none',
    compareFrom: opts.compare ? day(opts.compare[0]) : null,
    compareTo: opts.compare ? day(plusDays(opts.compare[1], 1)) : null,
    compareRangeFrom: opts.compare?.[0] ?? null,
    compareRangeTo: opts.compare?.[1] ?? null,
    shopSlugs: opts.shops === undefined ? ['london'] : opts.shops,
    interval: 'week',
    timeZone: opts.timeZone ?? 'Europe/London',
    currency: 'GBP',
    now: new Date(opts.now ?? `${plusDays(to, 1)}T12:00:00Z`),
  };
}
