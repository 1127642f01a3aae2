/**
 * The credit note of a refund: the customer is told how much, why (the staff member's reason,
 * as written) and where the money goes. Queued in the transaction that records the refund as
 * succeeded, once per refund (dedupe key `refund:<refundId>`), so a retried or webhook-settled
 * refund never mails twice.
 */
import { and, eq, sum } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { paymentRefunds, payments } from '@/server/db/schema';
import { publicBaseUrl } from '@/server/http/base-url';
import { formatMoney } from '@/features/pricing';
import { loadCatalog } from '@/features/catalog/server';
import { sendTemplate } from '@/features/email/server';
import { loadOrder, signedTrackingPath } from '@/features/repairs/server';
import { formatInvoiceDate } from './invoice-pdf';
import type { PaymentRow, RefundRow } from './ledger';

function refundDestination(p: PaymentRow): string {
  if (p.provider === 'paypal') return p.methodDetail ? `PayPal (${p.methodDetail})` : 'your PayPal account';
  if (p.provider === 'collection') return p.methodDetail ?? 'the way you paid in the shop';
  return p.methodDetail ?? 'the card you paid with';
}

export async function sendRefundEmail(tx: Db, refund: RefundRow, payment: PaymentRow, now = new Date()) {
  const { booking, order } = await loadOrder(tx, payment.orderId);
  // a walk-in who gave no e-mail address is told at the counter; the refund shows on the order
  if (!booking.customerEmail) return null;
  const to = booking.customerEmail;
  const [catalog, [done]] = await Promise.all([
    loadCatalog(tx),
    tx
      .select({ total: sum(paymentRefunds.amountMinor) })
      .from(paymentRefunds)
      .innerJoin(payments, eq(paymentRefunds.paymentId, payments.id))
      // every succeeded refund of this order's payments (this one is recorded already)
      .where(and(eq(payments.orderId, order.id), eq(paymentRefunds.status, 'succeeded'))),
  ]);
  const model = catalog.modelsBySlug.get(booking.modelSlug);
  const money = (minor: number) => formatMoney(minor, payment.currency);
  // the configured origin, never one a request named (see src/server/http/base-url.ts)
  const baseUrl = publicBaseUrl();
  return sendTemplate(tx, {
    to,
    template: 'payment-refunded',
    data: {
      name: booking.customerName,
      reference: order.reference,
      deviceName: model?.name ?? booking.modelSlug,
      amount: money(refund.amountMinor),
      reason: refund.reason,
      refundTo: refundDestination(payment),
      refundedOn: formatInvoiceDate(now),
      totalRefunded: money(Number(done?.total ?? refund.amountMinor)),
      trackingUrl: `${baseUrl}${signedTrackingPath(order.reference)}`,
    },
    dedupeKey: `refund:${refund.id}`,
    bookingId: booking.id,
  });
}
