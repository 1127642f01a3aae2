/**
 * Invoice numbers are gapless and unique per series (a shop, or WEB for mail-in orders): the
 * counter row is incremented inside the transaction that records the payment, so concurrent
 * payments of one series queue on its row lock, and a rolled-back payment gives its number back.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { invoiceCounters, invoices, type InvoiceSnapshot } from '@/server/db/schema';
import { getBranding } from '@/server/branding';
import { splitVatInclusive } from '@/features/pricing';
import { getShopRow } from '@/features/shops/server';
import { loadCatalog } from '@/features/catalog/server';
import type { LoadedOrder } from '@/features/repairs/server';
import { agreedPriceOf } from '@/features/quotes/server';
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
  const [shop, catalog, agreed] = await Promise.all([
    shopSlug ? getShopRow(tx, shopSlug) : Promise.resolve(null),
    loadCatalog(tx),
    agreedPriceOf(tx, loaded),
  ]);
  const totalMinor = order.agreedTotalMinor ?? booking.totalMinor;
  const vatRateBp = booking.quote.vat.rateBp;
  const { netMinor, vatMinor } = splitVatInclusive(totalMinor, vatRateBp);
  // the lines the customer agreed to (the booking, or the last approved revised quote): never
  // the working lines, which can hold a declined quote's lines or work not yet quoted
  const invoiceLines: InvoiceSnapshot['lines'] = agreed.lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitMinor: l.unitMinor,
    totalMinor: l.totalMinor,
  }));
  if (agreed.surchargeMinor !== 0) {
    invoiceLines.push({
      description: `Urgency surcharge (${booking.urgency.replace('_', ' ')})`,
      quantity: 1,
      unitMinor: agreed.surchargeMinor,
      totalMinor: agreed.surchargeMinor,
    });
  }
  const linesSum = invoiceLines.reduce((s, l) => s + l.totalMinor, 0);
  if (linesSum !== totalMinor) {
    // only for an order whose agreed total was set outside a quote (never by the app itself):
    // the receipt's lines must still add up to what is charged
    invoiceLines.push({
      description: 'Adjustment to the agreed price',
      quantity: 1,
      unitMinor: totalMinor - linesSum,
      totalMinor: totalMinor - linesSum,
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
