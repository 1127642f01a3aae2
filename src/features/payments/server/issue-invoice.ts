/**
 * Invoice numbers are gapless and unique per series (a shop, or WEB for mail-in orders): the
 * counter row is incremented inside the transaction that records the payment, so concurrent
 * payments of one series queue on its row lock, and a rolled-back payment gives its number back.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { invoiceCounters, invoices, repairOrderLines, type InvoiceSnapshot } from '@/server/db/schema';
import { getBranding } from '@/server/branding';
import { splitVatInclusive } from '@/features/pricing';
import { getShopRow } from '@/features/shops/server';
import { loadCatalog } from '@/features/catalog/server';
import type { LoadedOrder } from '@/features/repairs/server';
import { paymentConfig } from './config';
import type { PaymentRow } from './ledger';

export type InvoiceRow = typeof invoices.$inferSelect;

export function invoiceSeries(shopSlug: string | null): string {
  return shopSlug ? shopSlug.toUpperCase().replace(/[^A-Z0-9]/g, '') : 'WEB';
}

export function formatInvoiceNumber(series: string, n: number): string {
  return `${series}-${String(n).padStart(6, '0')}`;
}

/** The next number of `series`, taken under the counter row's lock (call inside a transaction). */
export async function nextInvoiceNumber(tx: Db, series: string): Promise<number> {
  const [row] = await tx
    .insert(invoiceCounters)
    .values({ series, lastNumber: 1 })
    .onConflictDoUpdate({
      target: invoiceCounters.series,
      set: { lastNumber: sql`${invoiceCounters.lastNumber} + 1` },
    })
    .returning({ n: invoiceCounters.lastNumber });
  return row!.n;
}

const METHOD_NAMES: Record<PaymentRow['provider'], string> = {
  stripe: 'Card',
  sandbox: 'Card (test mode)',
  paypal: 'PayPal',
  collection: 'Paid in shop',
};

/** The receipt of a payment that has just been captured (inside its transaction). */
export async function issueInvoice(
  tx: Db,
  payment: PaymentRow,
  loaded: LoadedOrder,
  previouslyPaidMinor: number,
  now: Date,
  /** refunded from earlier payments: given back, not owed again (ledger.ts balanceOf) */
  previouslyRefundedMinor = 0,
): Promise<InvoiceRow> {
  const { order, booking } = loaded;
  const shopSlug = order.shopSlug ?? booking.shopSlug;
  const [shop, catalog, lines] = await Promise.all([
    shopSlug ? getShopRow(tx, shopSlug) : Promise.resolve(null),
    loadCatalog(tx),
    tx
      .select()
      .from(repairOrderLines)
      .where(eq(repairOrderLines.orderId, order.id))
      .orderBy(asc(repairOrderLines.createdAt)),
  ]);
  const totalMinor = order.agreedTotalMinor ?? booking.totalMinor;
  const vatRateBp = booking.quote.vat.rateBp;
  const { netMinor, vatMinor } = splitVatInclusive(totalMinor, vatRateBp);
  const invoiceLines: InvoiceSnapshot['lines'] = lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitMinor: l.quantity > 0 ? Math.round(l.totalMinor / l.quantity) : l.totalMinor,
    totalMinor: l.totalMinor,
  }));
  const linesSum = invoiceLines.reduce((s, l) => s + l.totalMinor, 0);
  if (linesSum !== totalMinor) {
    const surcharge = booking.quote.urgencySurchargeMinor;
    const diff = totalMinor - linesSum;
    invoiceLines.push({
      description:
        diff === surcharge && surcharge > 0
          ? `Urgency surcharge (${booking.urgency.replace('_', ' ')})`
          : 'Adjustment to the agreed price',
      quantity: 1,
      unitMinor: diff,
      totalMinor: diff,
    });
  }
  const model = catalog.modelsBySlug.get(booking.modelSlug);
  const snapshot: InvoiceSnapshot = {
    shop: shop
      ? {
          name: shop.name,
          address: [shop.addressLine1, shop.addressLine2, shop.city, shop.postcode].filter(
            (x): x is string => !!x,
          ),
          phone: shop.phone,
          email: shop.email,
          vatNumber: paymentConfig().vatNumber,
        }
      : {
          name: getBranding().shopName,
          address: [],
          phone: null,
          email: null,
          vatNumber: paymentConfig().vatNumber,
        },
    customer: { name: booking.customerName, email: booking.customerEmail },
    reference: order.reference,
    device: model
      ? model.name.startsWith(model.brandName)
        ? model.name
        : `${model.brandName} ${model.name}`
      : booking.modelSlug,
    lines: invoiceLines,
    totalMinor,
    vatRateBp,
    netMinor,
    vatMinor,
    paidMinor: payment.amountMinor,
    previouslyPaidMinor,
    balanceMinor: Math.max(
      0,
      totalMinor - previouslyPaidMinor - previouslyRefundedMinor - payment.amountMinor,
    ),
    method: payment.methodDetail
      ? `${METHOD_NAMES[payment.provider]}: ${payment.methodDetail}`
      : METHOD_NAMES[payment.provider],
  };
  const series = invoiceSeries(shopSlug);
  const n = await nextInvoiceNumber(tx, series);
  const [row] = await tx
    .insert(invoices)
    .values({
      number: formatInvoiceNumber(series, n),
      series,
      sequence: n,
      paymentId: payment.id,
      orderId: order.id,
      currency: payment.currency,
      snapshot,
      issuedAt: now,
    })
    .returning();
  return row!;
}
