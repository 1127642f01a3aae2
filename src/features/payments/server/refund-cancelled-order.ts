/**
 * Gives back what a cancelled order still owes its customer (everything kept beyond the
 * cancellation fee recorded on the order), through the provider that took each payment.
 * Called after the cancellation commits (by the customer's manage link, staff, or a payment
 * captured after its booking was released), and safe to call again: what is owed is worked out
 * from the refunds already made or under way, and each refund's Idempotency-Key is derived from
 * the state it was computed from, so parallel callers ask for the same refund and only one goes
 * through, while a retry after a provider failure asks again. Money taken at the counter is
 * left to staff (it goes back by hand); the staff panel shows it as owed.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { paymentRefunds, repairOrders } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { logger } from '@/server/logger';
import type { CancelledOrder, EventActor } from '@/features/repairs/server';
import type { AuditRequest } from '@/features/audit/server';
import { isCaptured } from '../state';
import { orderPayments, paidMinor } from './ledger';
import { refundPayment } from './refund-payment';

export interface CancelRefundInput {
  reason: string;
  actor: EventActor;
  request?: AuditRequest | null;
}

export interface CancelRefundResult {
  /** refunded (or accepted by the provider) by this call */
  refundedMinor: number;
  /** still owed after this call (a provider refused, or counter money to hand back) */
  owedMinor: number;
}

export async function refundCancelledOrder(
  db: Db,
  orderId: string,
  input: CancelRefundInput,
): Promise<CancelRefundResult> {
  const [order] = await db.select().from(repairOrders).where(eq(repairOrders.id, orderId));
  if (!order || order.status !== 'cancelled') return { refundedMinor: 0, owedMinor: 0 };
  const rows = (await orderPayments(db, orderId)).filter((p) => isCaptured(p.status));
  if (rows.length === 0) return { refundedMinor: 0, owedMinor: 0 };
  const ids = rows.map((p) => p.id);
  const refunds = await db
    .select({
      paymentId: paymentRefunds.paymentId,
      status: paymentRefunds.status,
      total: sql<number>`coalesce(sum(${paymentRefunds.amountMinor}), 0)::int`,
      count: sql<number>`count(*)::int`,
    })
    .from(paymentRefunds)
    .where(and(inArray(paymentRefunds.paymentId, ids), inArray(paymentRefunds.status, ['pending', 'failed'])))
    .groupBy(paymentRefunds.paymentId, paymentRefunds.status);
  const pendingOf = (id: string) =>
    refunds.find((r) => r.paymentId === id && r.status === 'pending')?.total ?? 0;
  const failuresOf = (id: string) =>
    refunds.find((r) => r.paymentId === id && r.status === 'failed')?.count ?? 0;

  let owed = Math.max(
    0,
    paidMinor(rows) - order.cancellationFeeMinor - rows.reduce((s, p) => s + pendingOf(p.id), 0),
  );
  let refunded = 0;
  // the largest payment first, so a booking's one payment carries the whole refund
  for (const p of [...rows].sort((a, b) => b.amountMinor - a.amountMinor)) {
    if (owed <= 0) break;
    if (p.provider === 'collection') continue;
    const amount = Math.min(owed, p.amountMinor - p.refundedMinor - pendingOf(p.id));
    if (amount <= 0) continue;
    try {
      await refundPayment(db, p.id, {
        amountMinor: amount,
        reason: input.reason,
        idempotencyKey: `cancel:${orderId}:${p.refundedMinor}:${failuresOf(p.id)}`,
        actor: input.actor,
        request: input.request ?? null,
      });
      owed -= amount;
      refunded += amount;
    } catch (err) {
      // a parallel caller is making this very refund (same key, or it took what was left first):
      // it is not owed twice
      if (err instanceof DomainError && (err.code === 'CONFLICT' || err.code === 'VALIDATION_FAILED')) {
        owed -= amount;
        continue;
      }
      logger.error({ err, orderId, paymentId: p.id }, 'could not refund a cancelled order');
    }
  }
  return { refundedMinor: refunded, owedMinor: owed };
}

/** The after-cancel hook of a staff cancellation (wired by the entry): the whole payment goes back. */
export async function refundOnOrderCancelled({ db, loaded, actor, reason, request }: CancelledOrder) {
  return refundCancelledOrder(db, loaded.order.id, {
    reason: reason ? `Repair cancelled: ${reason}` : 'Repair cancelled',
    actor,
    request,
  });
}
