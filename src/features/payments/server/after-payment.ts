/**
 * What follows a committed payment change: live events to open pages, the hooks of other
 * domains once money was captured (e.g. the booking confirmation that waited for it), and the
 * receipt with the invoice PDF. Never throws: the payment is stored; a failed e-mail is logged
 * (and its row retried).
 */
import type { Db } from '@/server/db/runtime';
import { logger } from '@/server/logger';
import { publishOrderEvents } from '@/features/repairs/server';
import type { PaymentUpdateResult } from './apply-update';
import { runPaymentCapturedHooks } from './payment-hooks';
import { sendPaymentReceipt } from './send-receipt';

export async function afterPaymentUpdate(db: Db, result: PaymentUpdateResult, fallbackBaseUrl: string) {
  const { loaded, payment } = result;
  if (!loaded || !payment) return;
  if (result.events.length > 0) {
    publishOrderEvents(
      { id: loaded.order.id, shopSlug: loaded.order.shopSlug, status: loaded.order.status },
      result.events,
    );
  }
  if (!result.captured || !result.invoice) return;
  const baseUrl = payment.baseUrl ?? fallbackBaseUrl;
  await runPaymentCapturedHooks({ db, payment, loaded, baseUrl });
  try {
    await sendPaymentReceipt(db, result.invoice.id, baseUrl);
  } catch (err) {
    logger.error({ err, paymentId: payment.id }, 'could not queue the payment e-mails');
  }
}
