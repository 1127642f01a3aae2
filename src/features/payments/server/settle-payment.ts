/**
 * Asks the provider where a payment stands (after the customer confirmed in Stripe's Payment
 * Element, or came back from approving at PayPal, which captures it) and applies the answer.
 * Webhooks carry the same news; whichever arrives first wins, the other changes nothing.
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { logger } from '@/server/logger';
import { isCaptured } from '../state';
import { applyPaymentUpdate, type PaymentUpdateResult } from './apply-update';
import { ensureIntent } from './create-payment';
import { providerFor } from './gateway';
import type { PaymentRow } from './ledger';
import { ProviderError } from './providers/types';

export async function settlePayment(
  db: Db,
  payment: PaymentRow,
  ctx: { reference: string; email: string | null },
): Promise<PaymentUpdateResult | null> {
  if (payment.provider === 'sandbox' || payment.provider === 'collection') return null;
  if (isCaptured(payment.status)) return null;
  if (!payment.providerPaymentId) {
    // the provider could not be reached when the payment was made: try again now
    await ensureIntent(db, payment, ctx.reference, ctx.email);
    return null;
  }
  const provider = await providerFor(payment.provider);
  try {
    const snapshot = await provider.settle(payment.providerPaymentId, {
      idempotencyKey: `settle-${payment.id}`,
    });
    return applyPaymentUpdate(db, { provider: payment.provider, paymentId: payment.id, snapshot });
  } catch (err) {
    if (err instanceof ProviderError && err.declined) {
      return applyPaymentUpdate(db, {
        provider: payment.provider,
        paymentId: payment.id,
        snapshot: { status: 'failed', failureCode: err.code, failureMessage: err.message },
      });
    }
    logger.error({ err, paymentId: payment.id }, 'could not settle a payment with its provider');
    throw new DomainError(
      'UNAVAILABLE',
      'The payment provider could not be reached. Please try again in a moment.',
    );
  }
}
