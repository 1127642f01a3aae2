/**
 * The receipt e-mail of a captured payment, with its invoice as a PDF attachment, queued once
 * per invoice (dedupe key `receipt:<invoiceId>`: a retry or a second caller sends nothing more).
 * Everything in it comes from the invoice's snapshot, so it says what the PDF says.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { payments } from '@/server/db/schema';
import { formatMoney } from '@/features/pricing';
import { sendTemplate } from '@/features/email/server';
import { signedTrackingPath, loadOrder } from '@/features/repairs/server';
import { getInvoice } from './get-invoice';
import { formatInvoiceDate, renderInvoicePdf } from './invoice-pdf';

/** The new e-mail's id; null when the invoice is unknown or its receipt was queued already. */
export async function sendPaymentReceipt(
  db: Db,
  invoiceId: string,
  baseUrl: string,
): Promise<{ id: string } | null> {
  const invoice = await getInvoice(db, invoiceId);
  if (!invoice) return null;
  const [payment] = await db
    .select({ bookingId: payments.bookingId })
    .from(payments)
    .where(eq(payments.id, invoice.paymentId));
  const bookingId = payment?.bookingId ?? (await loadOrder(db, invoice.orderId)).booking.id;
  const s = invoice.snapshot;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  // a walk-in who gave no e-mail address gets the receipt at the counter
  if (!s.customer.email) return null;
  const pdf = await renderInvoicePdf(invoice);
  return sendTemplate(db, {
    to: s.customer.email,
    template: 'payment-receipt',
    data: {
      name: s.customer.name,
      reference: s.reference,
      deviceName: s.device,
      invoiceNumber: invoice.number,
      amount: money(s.paidMinor),
      method: s.method,
      paidOn: formatInvoiceDate(invoice.issuedAt),
      ...(s.balanceMinor > 0 ? { balanceDue: money(s.balanceMinor) } : {}),
      trackingUrl: `${baseUrl}${signedTrackingPath(s.reference)}`,
    },
    attachments: [
      { filename: `${invoice.number}.pdf`, contentType: 'application/pdf', content: pdf.toString('base64') },
    ],
    dedupeKey: `receipt:${invoice.id}`,
    bookingId,
  });
}
