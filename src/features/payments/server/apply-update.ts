/**
 * The one way a payment's state changes after it is created: what a provider reports (a
 * webhook, a sync after the customer confirmed, the sandbox's decision). In one transaction it
 * records the webhook event id (a redelivery changes nothing), locks the payment, moves its
 * status only forward (state.ts), and when the money is first captured issues the invoice,
 * releases the booking's payment hold and writes the timeline event. E-mails and live events
 * follow after commit (after-payment.ts).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, paymentWebhookEvents, payments, type PaymentProvider } from '@/server/db/schema';
import { logger } from '@/server/logger';
import {
  appendOrderEvent,
  SYSTEM_ACTOR,
  type EventActor,
  type OrderEventRow,
  loadOrder,
  type LoadedOrder,
} from '@/features/repairs/server';
import { formatMoney } from '@/features/pricing';
import { applyProviderStatus, isCaptured, statusAfterRefund } from '../state';
import type { ProviderSnapshot } from './providers/types';
import { orderPayments, paidMinor, refundedMinor, type PaymentRow } from './ledger';
import { issueInvoice, type InvoiceRow } from './issue-invoice';

export interface PaymentUpdate {
  provider: PaymentProvider;
  /** our id (from the provider's metadata) or the provider's own id */
  paymentId?: string | null;
  providerPaymentId?: string | null;
  /** the webhook event's id: applied once only */
  eventId?: string | null;
  eventType?: string;
  snapshot: Partial<ProviderSnapshot> & { status?: ProviderSnapshot['status'] };
  now?: Date;
  /** who is behind the change on the timeline (staff recording a counter payment); default: system */
  actor?: EventActor;
}

export interface PaymentUpdateResult {
  outcome: 'applied' | 'duplicate' | 'unknown_payment' | 'unchanged';
  payment: PaymentRow | null;
  /** set when this update captured the money */
  invoice: InvoiceRow | null;
  captured: boolean;
  failed: boolean;
  loaded: LoadedOrder | null;
  events: OrderEventRow[];
}

async function lockPayment(tx: Db, u: PaymentUpdate): Promise<PaymentRow | null> {
  if (u.paymentId && /^[0-9a-f-]{36}$/i.test(u.paymentId)) {
    const [row] = await tx.select().from(payments).where(eq(payments.id, u.paymentId)).for('update');
    if (row && row.provider === u.provider) return row;
  }
  if (u.providerPaymentId) {
    const [row] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.provider, u.provider), eq(payments.providerPaymentId, u.providerPaymentId)))
      .for('update');
    return row ?? null;
  }
  return null;
}

export async function applyPaymentUpdate(db: Db, u: PaymentUpdate): Promise<PaymentUpdateResult> {
  const now = u.now ?? new Date();
  const empty = { invoice: null, captured: false, failed: false, loaded: null, events: [] };
  return db.transaction(async (tx) => {
    // an event for a payment we do not know is not recorded, so a redelivery can still apply it
    const payment = await lockPayment(tx, u);
    if (!payment) {
      logger.warn(
        { provider: u.provider, providerPaymentId: u.providerPaymentId, eventId: u.eventId },
        'payment update for an unknown payment',
      );
      return { outcome: 'unknown_payment' as const, payment: null, ...empty };
    }
    if (u.eventId) {
      // recorded in the same transaction as its effect: a redelivered event stops here
      const inserted = await tx
        .insert(paymentWebhookEvents)
        .values({
          provider: u.provider,
          eventId: u.eventId,
          type: u.eventType ?? 'unknown',
          paymentId: payment.id,
        })
        .onConflictDoNothing()
        .returning({ id: paymentWebhookEvents.eventId });
      if (inserted.length === 0) return { outcome: 'duplicate' as const, payment, ...empty };
    }

    const s = u.snapshot;
    let status = s.status ? applyProviderStatus(payment.status, s.status) : payment.status;
    const refunded = Math.min(payment.amountMinor, Math.max(payment.refundedMinor, s.refundedMinor ?? 0));
    status = statusAfterRefund(status, payment.amountMinor, refunded);
    const capturedNow = !isCaptured(payment.status) && isCaptured(status);
    const failedNow = status === 'failed' && payment.status !== 'failed';
    // a new attempt that fails again (another card) brings its own reason
    const failureChanged =
      status === 'failed' &&
      !!s.failureCode &&
      (s.failureCode !== payment.failureCode ||
        (!!s.failureMessage && s.failureMessage !== payment.failureMessage));
    const changed =
      status !== payment.status ||
      failureChanged ||
      refunded !== payment.refundedMinor ||
      (!!s.captureId && s.captureId !== payment.providerCaptureId) ||
      (!!s.methodDetail && s.methodDetail !== payment.methodDetail);
    if (!changed) return { outcome: 'unchanged' as const, payment, ...empty };

    const [updated] = await tx
      .update(payments)
      .set({
        status,
        refundedMinor: refunded,
        providerCaptureId: s.captureId ?? payment.providerCaptureId,
        methodDetail: s.methodDetail ?? payment.methodDetail,
        failureCode: failedNow
          ? (s.failureCode ?? 'declined')
          : failureChanged
            ? s.failureCode!
            : status === 'failed'
              ? payment.failureCode
              : null,
        failureMessage: failedNow
          ? (s.failureMessage ?? 'The payment was declined.')
          : failureChanged
            ? (s.failureMessage ?? payment.failureMessage)
            : status === 'failed'
              ? payment.failureMessage
              : null,
        succeededAt: capturedNow ? now : payment.succeededAt,
        updatedAt: now,
      })
      .where(eq(payments.id, payment.id))
      .returning();

    const loaded = await loadOrder(tx, payment.orderId, true);
    const events: OrderEventRow[] = [];
    let invoice: InvoiceRow | null = null;
    if (capturedNow) {
      const others = (await orderPayments(tx, payment.orderId)).filter((p) => p.id !== payment.id);
      invoice = await issueInvoice(tx, updated!, loaded, paidMinor(others), now, refundedMinor(others));
      if (loaded.booking.paymentHoldUntil) {
        await tx
          .update(bookings)
          .set({ paymentHoldUntil: null, updatedAt: now })
          .where(eq(bookings.id, loaded.booking.id));
      }
      events.push(
        await appendOrderEvent(tx, {
          orderId: payment.orderId,
          type: 'payment_received',
          actor: u.actor ?? SYSTEM_ACTOR,
          visibility: 'customer',
          message: `Payment received: ${formatMoney(payment.amountMinor, payment.currency)} (invoice ${invoice.number})`,
          data: { paymentId: payment.id, amountMinor: payment.amountMinor, invoice: invoice.number },
          at: now,
        }),
      );
    } else if (failedNow) {
      events.push(
        await appendOrderEvent(tx, {
          orderId: payment.orderId,
          type: 'payment_failed',
          actor: SYSTEM_ACTOR,
          visibility: 'internal',
          message: `Payment of ${formatMoney(payment.amountMinor, payment.currency)} failed: ${updated!.failureMessage}`,
          data: { paymentId: payment.id },
          at: now,
        }),
      );
    } else if (refunded > payment.refundedMinor && u.eventId) {
      // a refund made at the provider (its dashboard), not through the app
      events.push(
        await appendOrderEvent(tx, {
          orderId: payment.orderId,
          type: 'payment_refunded',
          actor: SYSTEM_ACTOR,
          visibility: 'customer',
          message: `Refunded ${formatMoney(refunded - payment.refundedMinor, payment.currency)}`,
          data: { paymentId: payment.id, amountMinor: refunded - payment.refundedMinor },
          at: now,
        }),
      );
    }
    return {
      outcome: 'applied' as const,
      payment: updated!,
      invoice,
      captured: capturedNow,
      failed: failedNow,
      loaded,
      events,
    };
  });
}
