/**
 * The payment state machine. A payment's status only moves forward, so webhooks that arrive
 * twice or out of order can never undo what is known: a late `processing` after `succeeded`
 * changes nothing, a decline after success is ignored, and refunds only ever grow.
 *
 *   pending ─┬─► requires_action ─┬─► succeeded ─► partially_refunded ─► refunded
 *            │                    └─► failed ──┐        └───────────────────► refunded
 *            └─► failed ─► pending (a retry) ──┘
 */
import type { PaymentStatus } from '@/server/db/schema';

/** What a provider (or a webhook) says about a payment. */
export type ProviderStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed';

const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ['requires_action', 'succeeded', 'failed'],
  requires_action: ['succeeded', 'failed'],
  // a declined card may be tried again (same payment, new attempt)
  failed: ['pending', 'requires_action', 'succeeded'],
  succeeded: ['partially_refunded', 'refunded'],
  partially_refunded: ['refunded'],
  refunded: [],
};

export function canMove(from: PaymentStatus, to: PaymentStatus): boolean {
  return NEXT[from].includes(to);
}

/** Has the money been taken (whatever has been refunded since)? */
export function isCaptured(status: PaymentStatus): boolean {
  return status === 'succeeded' || status === 'partially_refunded' || status === 'refunded';
}

/**
 * The status after the provider reports `reported`, given the current one. A report that would
 * move a payment backwards (or sideways out of a final state) is ignored: the current status is
 * returned unchanged.
 */
export function applyProviderStatus(current: PaymentStatus, reported: ProviderStatus): PaymentStatus {
  if (current === reported) return current;
  if (isCaptured(current)) return current; // money taken: only refunds move it on
  // `pending` reported after an action was asked for is stale news, not a new attempt
  if (reported === 'pending' && current === 'requires_action') return current;
  return canMove(current, reported) ? reported : current;
}

/**
 * The status after refunds totalling `refundedMinor` (cumulative, as providers report it) of a
 * captured payment of `amountMinor`.
 */
export function statusAfterRefund(
  current: PaymentStatus,
  amountMinor: number,
  refundedMinor: number,
): PaymentStatus {
  if (!isCaptured(current) || refundedMinor <= 0) return current;
  return refundedMinor >= amountMinor
    ? 'refunded'
    : current === 'refunded'
      ? 'refunded'
      : 'partially_refunded';
}
