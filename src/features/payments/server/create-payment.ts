/**
 * Starts an online payment for a repair order: the row first (so the provider's webhooks can
 * find it by our id from the start), then the provider's intent (Stripe PaymentIntent, PayPal
 * order, sandbox id) with an idempotency key derived from our id, so a retried create never
 * charges twice. The amount always comes from the server's own figures, never the client.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { payments, type PaymentProvider } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { logger } from '@/server/logger';
import { isUniqueViolation } from '@/server/db/errors';
import type { LoadedOrder } from '@/features/repairs/server';
import { providerFor } from './gateway';
import type { PaymentRow } from './ledger';
import { ProviderError } from './providers/types';

export interface CreatePaymentInput {
  loaded: LoadedOrder;
  provider: PaymentProvider;
  purpose: 'booking' | 'balance';
  amountMinor: number;
  /** unique per attempt; a repeat with the same key returns the same payment */
  idempotencyKey: string;
  baseUrl: string;
  createdBy?: string | null;
}

export function paypalReturnUrls(baseUrl: string, paymentId: string) {
  return {
    returnUrl: `${baseUrl}/pay/return?payment=${paymentId}`,
    cancelUrl: `${baseUrl}/pay/return?payment=${paymentId}&cancelled=1`,
  };
}

export async function createPayment(db: Db, input: CreatePaymentInput): Promise<PaymentRow> {
  const { loaded } = input;
  if (input.amountMinor <= 0) throw new DomainError('CONFLICT', 'Nothing is due on this repair.');
  let row: PaymentRow;
  try {
    [row] = (await db
      .insert(payments)
      .values({
        orderId: loaded.order.id,
        bookingId: loaded.booking.id,
        provider: input.provider,
        purpose: input.purpose,
        amountMinor: input.amountMinor,
        currency: loaded.booking.currency,
        idempotencyKey: input.idempotencyKey,
        baseUrl: input.baseUrl,
        createdBy: input.createdBy ?? null,
      })
      .returning()) as [PaymentRow];
  } catch (err) {
    if (!isUniqueViolation(err, 'payments_idempotency_uq')) throw err;
    const [existing] = await db
      .select()
      .from(payments)
      .where(eq(payments.idempotencyKey, input.idempotencyKey));
    if (!existing || existing.orderId !== loaded.order.id || existing.amountMinor !== input.amountMinor) {
      throw new DomainError(
        'IDEMPOTENCY_MISMATCH',
        'This Idempotency-Key was already used for a different payment. Use a new key.',
      );
    }
    return existing.providerPaymentId
      ? existing
      : ensureIntent(db, existing, loaded.booking.reference, loaded.booking.customerEmail);
  }
  return ensureIntent(db, row, loaded.booking.reference, loaded.booking.customerEmail);
}

/**
 * Asks the provider for its intent when the payment has none yet (a first try, or one that
 * failed because the provider could not be reached).
 */
export async function ensureIntent(
  db: Db,
  row: PaymentRow,
  reference: string,
  email: string | null,
): Promise<PaymentRow> {
  if (row.providerPaymentId) return row;
  const provider = await providerFor(row.provider);
  const urls = paypalReturnUrls(row.baseUrl ?? '', row.id);
  try {
    const intent = await provider.createIntent({
      paymentId: row.id,
      amountMinor: row.amountMinor,
      currency: row.currency,
      description: `Repair ${reference}`,
      reference,
      customerEmail: email,
      idempotencyKey: `create-${row.id}`,
      ...urls,
    });
    const [updated] = await db
      .update(payments)
      .set({
        providerPaymentId: intent.providerPaymentId,
        clientSecret: intent.clientSecret ?? null,
        approveUrl: intent.approveUrl ?? null,
        updatedAt: new Date(),
      })
      .where(eq(payments.id, row.id))
      .returning();
    return updated!;
  } catch (err) {
    logger.error(
      { err, paymentId: row.id, provider: row.provider },
      'payment provider refused to create a payment',
    );
    if (err instanceof ProviderError) throw new DomainError('UNAVAILABLE', err.message);
    throw new DomainError(
      'UNAVAILABLE',
      'The payment provider could not be reached. Please try again, or choose to pay on collection.',
    );
  }
}
