/**
 * Refunds (part of) a captured payment. Under the payment's row lock the amount is checked
 * against what is left (captured − refunded − refunds still pending), and a pending refund row
 * is written; then the provider is asked (outside the lock, it is a network call); then the
 * outcome is recorded. Two staff refunding at once cannot together pass the captured amount, and
 * a retry with the same Idempotency-Key returns the first refund.
 */
import { and, eq, inArray, sum } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { paymentRefunds, payments } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { logger } from '@/server/logger';
import { formatMoney } from '@/features/pricing';
import { appendOrderEvent, publishOrderEvents, type EventActor, loadOrder } from '@/features/repairs/server';
import { isCaptured, statusAfterRefund } from '../state';
import { providerFor } from './gateway';
import type { PaymentRow, RefundRow } from './ledger';
import { recordAudit, type AuditRequest } from '@/features/audit/server';
import { sendRefundEmail } from './send-refund-email';

export interface RefundInput {
  amountMinor: number;
  reason: string;
  idempotencyKey?: string | null;
  actor: EventActor;
  /** the caller's address and user agent, for the audit log */
  request?: AuditRequest | null;
}

const refundRefused = () =>
  new DomainError(
    'UNAVAILABLE',
    'The payment provider did not accept the refund. Nothing was refunded; please try again.',
  );

export async function refundPayment(db: Db, paymentId: string, input: RefundInput): Promise<RefundRow> {
  const key = input.idempotencyKey ? `refund:${paymentId}:${input.idempotencyKey}` : null;
  if (key) {
    const [existing] = await db.select().from(paymentRefunds).where(eq(paymentRefunds.idempotencyKey, key));
    if (existing) {
      if (existing.amountMinor !== input.amountMinor) {
        throw new DomainError(
          'IDEMPOTENCY_MISMATCH',
          'This Idempotency-Key was already used for a different refund.',
        );
      }
      // that attempt failed at the provider and refunded nothing: say so again (a new try
      // needs a new key), never answer as if it had gone through
      if (existing.status === 'failed') throw refundRefused();
      return existing;
    }
  }

  const { payment, refund } = await db.transaction(async (tx) => {
    const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
    if (!p) throw new DomainError('NOT_FOUND', 'No payment with that id.');
    if (!isCaptured(p.status))
      throw new DomainError('CONFLICT', 'Only a payment that has been taken can be refunded.');
    const [pending] = await tx
      .select({ total: sum(paymentRefunds.amountMinor) })
      .from(paymentRefunds)
      .where(and(eq(paymentRefunds.paymentId, p.id), eq(paymentRefunds.status, 'pending')));
    const left = p.amountMinor - p.refundedMinor - Number(pending?.total ?? 0);
    if (input.amountMinor > left) {
      const message =
        left <= 0
          ? 'This payment has been refunded in full already.'
          : `At most ${formatMoney(left, p.currency)} of this payment can still be refunded.`;
      throw new DomainError('VALIDATION_FAILED', message, [{ path: 'amountMinor', message }]);
    }
    const [r] = await tx
      .insert(paymentRefunds)
      .values({
        paymentId: p.id,
        amountMinor: input.amountMinor,
        reason: input.reason,
        idempotencyKey: key,
        createdBy: input.actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!r) throw new DomainError('CONFLICT', 'A refund with this Idempotency-Key is in progress.');
    return { payment: p, refund: r };
  });

  let outcome: { providerRefundId: string; status: 'pending' | 'succeeded' | 'failed' };
  try {
    const provider = await providerFor(payment.provider);
    outcome = await provider.refund({
      paymentId: payment.id,
      providerPaymentId: payment.providerPaymentId ?? '',
      providerCaptureId: payment.providerCaptureId,
      amountMinor: input.amountMinor,
      currency: payment.currency,
      reason: input.reason,
      idempotencyKey: `refund-${refund.id}`,
    });
  } catch (err) {
    logger.error({ err, paymentId, refundId: refund.id }, 'the provider refused a refund');
    await db
      .update(paymentRefunds)
      .set({ status: 'failed', failureMessage: err instanceof Error ? err.message.slice(0, 500) : 'failed' })
      .where(eq(paymentRefunds.id, refund.id));
    throw refundRefused();
  }
  return recordRefundOutcome(db, refund.id, outcome, input.actor, input.request ?? null);
}

/** Stores the provider's answer on a refund and, once it succeeded, on its payment. */
export async function recordRefundOutcome(
  db: Db,
  refundId: string,
  outcome: { providerRefundId: string; status: 'pending' | 'succeeded' | 'failed' },
  actor: EventActor,
  request: AuditRequest | null = null,
): Promise<RefundRow> {
  const done = await db.transaction(async (tx) => {
    const [r] = await tx.select().from(paymentRefunds).where(eq(paymentRefunds.id, refundId)).for('update');
    if (!r) throw new Error('refund vanished');
    const [p] = await tx.select().from(payments).where(eq(payments.id, r.paymentId)).for('update');
    const [updated] = await tx
      .update(paymentRefunds)
      .set({
        status: r.status === 'succeeded' ? 'succeeded' : outcome.status,
        providerRefundId: outcome.providerRefundId,
      })
      .where(eq(paymentRefunds.id, r.id))
      .returning();
    if (outcome.status !== 'succeeded' || r.status === 'succeeded' || !p)
      return { refund: updated!, event: null, payment: p };
    // the succeeded refunds' sum, or more if a webhook already reported more (both cumulative)
    const [total] = await tx
      .select({ total: sum(paymentRefunds.amountMinor) })
      .from(paymentRefunds)
      .where(and(eq(paymentRefunds.paymentId, p.id), inArray(paymentRefunds.status, ['succeeded'])));
    const refunded = Math.min(p.amountMinor, Math.max(p.refundedMinor, Number(total?.total ?? 0)));
    await tx
      .update(payments)
      .set({
        refundedMinor: refunded,
        status: statusAfterRefund(p.status, p.amountMinor, refunded),
        updatedAt: new Date(),
      })
      .where(eq(payments.id, p.id));
    const event = await appendOrderEvent(tx, {
      orderId: p.orderId,
      type: 'payment_refunded',
      actor,
      visibility: 'customer',
      message: `Refunded ${formatMoney(r.amountMinor, p.currency)}: ${r.reason}`,
      data: { paymentId: p.id, refundId: r.id, amountMinor: r.amountMinor },
    });
    // the audit row commits with the refund it records, once, when the refund succeeds
    await recordAudit(tx, {
      type: 'payment_refunded',
      // a refund settled later by a webhook is still the staff member's who asked for it
      actor: actor.userId ? { id: actor.userId } : r.createdBy ? { id: r.createdBy } : null,
      request,
      target: { type: 'payment', id: p.id },
      details: {
        refundId: r.id,
        orderId: p.orderId,
        amountMinor: r.amountMinor,
        currency: p.currency,
        reason: r.reason,
        provider: p.provider,
      },
    });
    // the customer is told, with the reason, once per refund (dedupe key): the credit note and
    // its delivery job commit with the refund they tell of, or neither does
    await sendRefundEmail(tx, updated!, p);
    return { refund: updated!, event, payment: p };
  });
  if (done.event && done.payment) {
    const { order } = await loadOrder(db, done.payment.orderId);
    publishOrderEvents(order, [done.event]);
  }
  return done.refund;
}

export type { PaymentRow };
