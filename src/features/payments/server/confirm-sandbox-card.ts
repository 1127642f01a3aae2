/**
 * The sandbox card provider's decision on a card: the test card decides the outcome (see
 * sandbox-cards.ts), applied through the same path as a provider's webhook.
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import type { LoadedOrder } from '@/features/repairs/server';
import { checkSandboxCard } from '../sandbox-cards';
import { isCaptured } from '../state';
import { applyPaymentUpdate, type PaymentUpdateResult } from './apply-update';
import type { PaymentRow } from './ledger';

const DECLINED: Record<string, string> = {
  declined: 'Your card was declined. Try another card, or choose to pay on collection.',
  insufficient_funds: 'Your card has insufficient funds. Try another card, or choose to pay on collection.',
};

/** Attempts closed for good: the customer switched to pay on collection, or the hold ran out. */
export const CLOSED_FAILURES = new Set(['switched_to_collection', 'expired']);

function assertOpenSandbox(payment: PaymentRow, loaded: LoadedOrder) {
  if (payment.provider !== 'sandbox') {
    throw new DomainError('CONFLICT', 'This payment is not taken by the test-mode card form.');
  }
  if (payment.status === 'failed' && payment.failureCode === 'switched_to_collection') {
    throw new DomainError(
      'CONFLICT',
      'You chose to pay on collection for this booking, so nothing is taken online.',
    );
  }
  // a booking released because its hold ran out (or a cancelled repair) takes no more money
  if (
    !isCaptured(payment.status) &&
    (loaded.booking.status === 'cancelled' || loaded.order.status === 'cancelled')
  ) {
    if (payment.purpose === 'booking') {
      throw new DomainError(
        'BOOKING_RELEASED',
        'The slot was held for you while you paid, but the time ran out and the booking was released. Please book again.',
      );
    }
    throw new DomainError('CONFLICT', 'This repair was cancelled, so there is nothing to pay.');
  }
}

/** null when the payment is already paid (a double submit): nothing changes. */
export async function confirmSandboxCard(
  db: Db,
  payment: PaymentRow,
  loaded: LoadedOrder,
  card: { cardNumber: string; expiry?: string; cvc?: string },
  now = new Date(),
): Promise<PaymentUpdateResult | null> {
  assertOpenSandbox(payment, loaded);
  if (isCaptured(payment.status)) return null;
  if (payment.status === 'requires_action') {
    throw new DomainError('CONFLICT', 'Your bank asked for an extra confirmation: complete that step first.');
  }
  const check = checkSandboxCard(card, now);
  if (!check.ok)
    throw new DomainError('VALIDATION_FAILED', check.message, [
      { path: check.field, message: check.message },
    ]);
  const methodDetail = `${check.brand} •••• ${check.last4}`;
  const base = { provider: 'sandbox' as const, paymentId: payment.id, now };
  if (check.outcome === 'succeeds') {
    return applyPaymentUpdate(db, { ...base, snapshot: { status: 'succeeded', methodDetail } });
  }
  if (check.outcome === 'requires_action') {
    return applyPaymentUpdate(db, { ...base, snapshot: { status: 'requires_action', methodDetail } });
  }
  return applyPaymentUpdate(db, {
    ...base,
    snapshot: {
      status: 'failed',
      methodDetail,
      failureCode: check.outcome,
      failureMessage: DECLINED[check.outcome],
    },
  });
}

/** The sandbox's stand-in for the bank's 3-D Secure page: the customer approves or not. */
export async function authenticateSandbox(
  db: Db,
  payment: PaymentRow,
  loaded: LoadedOrder,
  approve: boolean,
  now = new Date(),
): Promise<PaymentUpdateResult | null> {
  assertOpenSandbox(payment, loaded);
  if (isCaptured(payment.status)) return null;
  if (payment.status !== 'requires_action') {
    throw new DomainError('CONFLICT', 'This payment is not waiting for an extra confirmation.');
  }
  return applyPaymentUpdate(db, {
    provider: 'sandbox',
    paymentId: payment.id,
    now,
    snapshot: approve
      ? { status: 'succeeded' }
      : {
          status: 'failed',
          failureCode: 'authentication_failed',
          failureMessage:
            'The extra confirmation was not completed. Try again, use another card, or pay on collection.',
        },
  });
}
