/**
 * The receipt e-mail of a captured payment, with its invoice as a PDF attachment, queued once
 * per invoice (dedupe key `receipt:<invoiceId>`: a retry or a second caller sends nothing more).
 * Everything in it comes from the invoice's snapshot, so it says what the PDF says. It goes out
 * as the customer chose for `payment_received` (e-mail, bell, push; a guest always gets the e-mail).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { payments } from '@/server/db/schema';
import { formatMoney } from '@/features/pricing';
import { sendTemplate } from '@/features/email/server';
import { dispatchNotice, publishNotifications } from '@/features/notifications/server';
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
  const { booking } = await loadOrder(db, invoice.orderId);
  const bookingId = payment?.bookingId ?? booking.id;
  const s = invoice.snapshot;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const customerEmail = s.customer.email;
  // a walk-in with neither an e-mail address nor an account gets the receipt at the counter
  if (!customerEmail && !booking.userId) return null;
  const pdf = customerEmail ? await renderInvoicePdf(invoice) : null;
  const email = async (tx: Db) => {
    if (!customerEmail || !pdf) return null;
    return sendTemplate(tx, {
      to: customerEmail,
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
        {
          filename: `${invoice.number}.pdf`,
          contentType: 'application/pdf',
          content: pdf.toString('base64'),
        },
      ],
      dedupeKey: `receipt:${invoice.id}`,
      bookingId,
    });
  };
  let sent: { id: string } | null = null;
  // the e-mail, the bell and the push as the customer chose (payment_received), together
  const { notifications } = await db.transaction((tx) =>
    dispatchNotice(tx, {
      kind: 'payment_received',
      once: `receipt:${invoice.id}`,
      userIds: booking.userId ? [booking.userId] : [],
      reference: s.reference,
      inApp: {
        type: 'payment_received',
        orderId: invoice.orderId,
        reference: s.reference,
        data: { amount: money(s.paidMinor), invoiceId: invoice.id },
      },
      email: async () => {
        sent = await email(tx);
      },
    }),
  );
  publishNotifications(notifications);
  return sent;
}
