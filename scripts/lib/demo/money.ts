/**
 * The demo's money: a sandbox card payment at booking (card bookings), the rest taken on
 * collection, full refunds of paid bookings that were cancelled, and a few goodwill part
 * refunds. Each successful payment has its receipt (invoice) in a `DEMO-…` series, so the
 * shop's real invoice numbering is never touched.
 */
import type { invoices, paymentRefunds, payments } from '@/server/db/schema';
import { splitVatInclusive } from '@/features/pricing';
import type { DemoCustomer } from './people';
import type { Random } from './random';

export interface MoneyRows {
  payments: (typeof payments.$inferInsert)[];
  refunds: (typeof paymentRefunds.$inferInsert)[];
  invoices: (typeof invoices.$inferInsert)[];
}

export interface MoneyInput {
  orderId: string;
  bookingId: string;
  shop: {
    slug: string;
    name: string;
    addressLine1: string;
    city: string;
    postcode: string;
    phone: string;
    email: string;
  } | null;
  customer: DemoCustomer;
  reference: string;
  device: string;
  paymentMethod: string;
  createdAt: Date;
  quoteTotal: number;
  agreed: number;
  collectedAt: Date | null;
  cancelledAt: Date | null;
  linesForInvoice: Array<{ description: string; quantity: number; unitMinor: number; totalMinor: number }>;
  now: Date;
}

const VAT_BP = 2000;
const DAY = 86_400_000;

export function addMoney(rng: Random, rows: MoneyRows, m: MoneyInput): void {
  const made: Array<typeof payments.$inferInsert> = [];
  const pay = (
    provider: 'sandbox' | 'collection',
    purpose: 'booking' | 'balance',
    amount: number,
    at: Date,
  ) => {
    if (amount <= 0) return;
    const id = rng.uuid();
    const row: typeof payments.$inferInsert = {
      id,
      orderId: m.orderId,
      bookingId: m.bookingId,
      provider,
      purpose,
      status: 'succeeded',
      amountMinor: amount,
      currency: 'GBP',
      feeMinor: provider === 'sandbox' ? Math.round(amount * 0.015) + 20 : 0,
      providerPaymentId: provider === 'sandbox' ? `demo_${id}` : null,
      methodDetail:
        provider === 'sandbox' ? 'Visa •••• 4242' : rng.pick(['Card in shop', 'Cash', 'Card in shop']),
      createdAt: at,
      updatedAt: at,
      succeededAt: at,
    };
    const previouslyPaid = made.reduce((s, p) => s + p.amountMinor, 0);
    made.push(row);
    rows.payments.push(row);
    const series = `DEMO-${m.shop ? m.shop.slug.toUpperCase().replace(/[^A-Z0-9]/g, '') : 'WEB'}`;
    const vat = splitVatInclusive(m.agreed || m.quoteTotal, VAT_BP);
    rows.invoices.push({
      id: rng.uuid(),
      number: '', // numbered in payment order once every payment is known
      series,
      sequence: 0,
      paymentId: id,
      orderId: m.orderId,
      currency: 'GBP',
      snapshot: {
        shop: {
          name: m.shop?.name ?? 'RevivaTech',
          address: m.shop ? [m.shop.addressLine1, m.shop.city, m.shop.postcode] : [],
          phone: m.shop?.phone ?? null,
          email: m.shop?.email ?? null,
          vatNumber: null,
        },
        customer: { name: m.customer.name, email: m.customer.email },
        reference: m.reference,
        device: m.device,
        lines: m.linesForInvoice,
        totalMinor: m.agreed || m.quoteTotal,
        vatRateBp: VAT_BP,
        netMinor: vat.netMinor,
        vatMinor: vat.vatMinor,
        paidMinor: amount,
        previouslyPaidMinor: previouslyPaid,
        balanceMinor: Math.max(0, (m.agreed || m.quoteTotal) - previouslyPaid - amount),
        method: row.methodDetail ?? provider,
      },
      issuedAt: at,
    });
  };
  const refund = (p: typeof payments.$inferInsert, amount: number, at: Date, reason: string) => {
    rows.refunds.push({
      id: rng.uuid(),
      paymentId: p.id!,
      amountMinor: amount,
      reason,
      status: 'succeeded',
      providerRefundId: p.provider === 'sandbox' ? `demo_re_${rows.refunds.length + 1}` : null,
      createdAt: at,
    });
    p.refundedMinor = (p.refundedMinor ?? 0) + amount;
    p.status = p.refundedMinor >= p.amountMinor ? 'refunded' : 'partially_refunded';
    p.updatedAt = at;
  };

  if (m.paymentMethod === 'card')
    pay('sandbox', 'booking', m.quoteTotal, new Date(m.createdAt.getTime() + 90_000));
  if (m.cancelledAt) {
    for (const p of made) refund(p, p.amountMinor, m.cancelledAt, 'Booking cancelled.');
    return;
  }
  if (!m.collectedAt) return;
  const paid = made.reduce((s, p) => s + p.amountMinor, 0);
  pay('collection', made.length ? 'balance' : 'booking', m.agreed - paid, m.collectedAt);
  // a few goodwill refunds after collection (a scuffed case, a late repair)
  const last = made[made.length - 1];
  if (last && rng.chance(0.03)) {
    const at = new Date(m.collectedAt.getTime() + rng.between(1, 10) * DAY);
    if (at <= m.now)
      refund(
        last,
        Math.max(100, Math.round(last.amountMinor * rng.between(0.1, 0.3))),
        at,
        'Goodwill: delay on the repair.',
      );
  }
}
