/**
 * PayPal's webhook events as payment updates (after paypal-signature.ts verified them):
 * - CHECKOUT.ORDER.APPROVED: the customer approved but may never come back to us, so the order
 *   is captured here (with the same PayPal-Request-Id as a capture from /sync: one capture);
 * - PAYMENT.CAPTURE.COMPLETED / PENDING / DENIED / DECLINED: the capture's outcome;
 * - PAYMENT.CAPTURE.REFUNDED / REVERSED: a refund (from the app or PayPal's dashboard), with the
 *   capture's cumulative refunded total, or PayPal's own figure when the event lacks it.
 * Each event applies once (its id), in whatever order they arrive (state.ts).
 */
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { payments } from '@/server/db/schema';
import { isCaptured } from '../../state';
import { fromPayPalValue } from '../providers/paypal-money';
import { ProviderError } from '../providers/types';
import { applyPaymentUpdate, type PaymentUpdate, type PaymentUpdateResult } from '../apply-update';
import { providerFor } from '../gateway';
import type { PaymentRow } from '../ledger';
import { settlePendingRefund } from './refund-status';
import type { WebhookOutcome } from './stripe-events';

const Money = z.object({ currency_code: z.string(), value: z.string() });
const Link = z.object({ href: z.string(), rel: z.string() });

/** The parts of an event we read (PayPal sends many more). */
export const PayPalEventSchema = z.object({
  id: z.string().min(1),
  event_type: z.string().min(1),
  resource: z
    .object({
      id: z.string().optional(),
      status: z.string().optional(),
      custom_id: z.string().optional(),
      amount: Money.optional(),
      links: z.array(Link).optional(),
      purchase_units: z.array(z.object({ custom_id: z.string().optional() })).optional(),
      supplementary_data: z
        .object({ related_ids: z.object({ order_id: z.string().optional() }).optional() })
        .optional(),
      seller_payable_breakdown: z.object({ total_refunded_amount: Money.optional() }).optional(),
      status_details: z.object({ reason: z.string().optional() }).optional(),
    })
    .loose(),
});
export type PayPalEvent = z.infer<typeof PayPalEventSchema>;

export type PayPalEventAction =
  | { kind: 'update'; update: PaymentUpdate; captureId: string | null }
  /** capture the approved order (idempotent at PayPal), then apply what it says */
  | { kind: 'capture'; eventId: string; eventType: string; paymentId: string | null; orderId: string }
  /** a refund: the payment is found by its capture; the total is the event's or PayPal's */
  | {
      kind: 'refund';
      eventId: string;
      eventType: string;
      paymentId: string | null;
      captureId: string;
      refundedMinor: number | null;
      refundId: string | null;
      refundStatus: 'pending' | 'succeeded' | 'failed';
    }
  | { kind: 'ignore' };

const minor = (m: { currency_code: string; value: string } | undefined) =>
  m ? fromPayPalValue({ currencyCode: m.currency_code, value: m.value }) : null;

/** The capture id in a refund's `up` link (…/v2/payments/captures/{id}). */
export function captureIdFromLinks(links: Array<{ href: string; rel: string }> | undefined): string | null {
  const up = links?.find((l) => l.rel === 'up' && /\/captures\/[^/]+$/.test(l.href));
  return up ? decodeURIComponent(up.href.split('/').pop()!) : null;
}

/** What an event means for our payments (pure: no I/O). */
export function paypalEventAction(event: PayPalEvent): PayPalEventAction {
  const r = event.resource;
  const base = { provider: 'paypal' as const, eventId: event.id, eventType: event.event_type };
  switch (event.event_type) {
    case 'CHECKOUT.ORDER.APPROVED':
      if (!r.id) return { kind: 'ignore' };
      return {
        kind: 'capture',
        eventId: event.id,
        eventType: event.event_type,
        paymentId: r.purchase_units?.[0]?.custom_id ?? null,
        orderId: r.id,
      };
    case 'PAYMENT.CAPTURE.COMPLETED':
    case 'PAYMENT.CAPTURE.PENDING':
    case 'PAYMENT.CAPTURE.DENIED':
    case 'PAYMENT.CAPTURE.DECLINED': {
      if (!r.id) return { kind: 'ignore' };
      const failed =
        event.event_type === 'PAYMENT.CAPTURE.DENIED' || event.event_type === 'PAYMENT.CAPTURE.DECLINED';
      return {
        kind: 'update',
        captureId: r.id,
        update: {
          ...base,
          paymentId: r.custom_id ?? null,
          providerPaymentId: r.supplementary_data?.related_ids?.order_id ?? null,
          snapshot: failed
            ? {
                status: 'failed',
                captureId: r.id,
                failureCode: (r.status_details?.reason ?? r.status ?? 'declined').toLowerCase(),
                failureMessage: 'PayPal declined the payment. Please try another way to pay.',
              }
            : {
                status: event.event_type === 'PAYMENT.CAPTURE.COMPLETED' ? 'succeeded' : 'pending',
                captureId: r.id,
              },
        },
      };
    }
    case 'PAYMENT.CAPTURE.REFUNDED':
    case 'PAYMENT.CAPTURE.REVERSED': {
      const captureId = captureIdFromLinks(r.links);
      if (!captureId) return { kind: 'ignore' };
      return {
        kind: 'refund',
        eventId: event.id,
        eventType: event.event_type,
        paymentId: r.custom_id ?? null,
        captureId,
        refundedMinor: minor(r.seller_payable_breakdown?.total_refunded_amount),
        refundId: r.id ?? null,
        refundStatus:
          r.status === 'COMPLETED' ? 'succeeded' : r.status === 'PENDING' || !r.status ? 'pending' : 'failed',
      };
    }
    default:
      return { kind: 'ignore' };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our PayPal payment by our id, PayPal's order id, or its capture id. */
async function findPayment(
  db: Db,
  ids: { paymentId?: string | null; orderId?: string | null; captureId?: string | null },
): Promise<PaymentRow | null> {
  const paypal = eq(payments.provider, 'paypal');
  const tries = [
    ids.paymentId && UUID.test(ids.paymentId) ? eq(payments.id, ids.paymentId) : null,
    ids.orderId ? eq(payments.providerPaymentId, ids.orderId) : null,
    ids.captureId ? eq(payments.providerCaptureId, ids.captureId) : null,
  ];
  for (const where of tries) {
    if (!where) continue;
    const [row] = await db.select().from(payments).where(and(paypal, where));
    if (row) return row;
  }
  return null;
}

const unknown = (): { outcome: WebhookOutcome; result: PaymentUpdateResult | null } => ({
  outcome: 'unknown_payment',
  result: null,
});

/** Applies a verified event. */
export async function handlePayPalEvent(
  db: Db,
  event: PayPalEvent,
): Promise<{ outcome: WebhookOutcome; result: PaymentUpdateResult | null }> {
  const action = paypalEventAction(event);
  if (action.kind === 'ignore') return { outcome: 'ignored', result: null };

  if (action.kind === 'update') {
    const { update } = action;
    const payment = await findPayment(db, {
      paymentId: update.paymentId,
      orderId: update.providerPaymentId,
      captureId: action.captureId,
    });
    if (!payment) return unknown();
    const result = await applyPaymentUpdate(db, { ...update, paymentId: payment.id });
    return { outcome: result.outcome, result };
  }

  if (action.kind === 'capture') {
    const payment = await findPayment(db, { paymentId: action.paymentId, orderId: action.orderId });
    if (!payment || payment.providerPaymentId !== action.orderId) return unknown();
    if (isCaptured(payment.status)) {
      // captured already (by /sync): only record the event
      const result = await applyPaymentUpdate(db, {
        provider: 'paypal',
        paymentId: payment.id,
        eventId: action.eventId,
        eventType: action.eventType,
        snapshot: {},
      });
      return { outcome: result.outcome, result };
    }
    const provider = await providerFor('paypal');
    let snapshot: PaymentUpdate['snapshot'];
    try {
      // the key /sync uses too: PayPal answers a second capture with the first one's result
      snapshot = await provider.settle(action.orderId, { idempotencyKey: `settle-${payment.id}` });
    } catch (err) {
      if (!(err instanceof ProviderError && err.declined)) throw err;
      snapshot = { status: 'failed', failureCode: err.code, failureMessage: err.message };
    }
    const result = await applyPaymentUpdate(db, {
      provider: 'paypal',
      paymentId: payment.id,
      eventId: action.eventId,
      eventType: action.eventType,
      snapshot,
    });
    return { outcome: result.outcome, result };
  }

  const payment = await findPayment(db, { captureId: action.captureId, paymentId: action.paymentId });
  if (!payment || (payment.providerCaptureId && payment.providerCaptureId !== action.captureId))
    return unknown();
  const settled = action.refundId
    ? await settlePendingRefund(db, 'paypal', action.refundId, action.refundStatus)
    : false;
  let refundedMinor = action.refundedMinor;
  if (refundedMinor === null && payment.providerPaymentId) {
    const provider = await providerFor('paypal');
    const snapshot = await provider.settle(payment.providerPaymentId, {
      idempotencyKey: `settle-${payment.id}`,
    });
    refundedMinor = snapshot.refundedMinor ?? 0;
  }
  const result = await applyPaymentUpdate(db, {
    provider: 'paypal',
    paymentId: payment.id,
    eventId: action.eventId,
    eventType: action.eventType,
    snapshot: { refundedMinor: refundedMinor ?? 0, captureId: action.captureId },
  });
  // a pending refund of ours finished: applied, even though the total was recorded with it
  return { outcome: settled && result.outcome === 'unchanged' ? 'applied' : result.outcome, result };
}
