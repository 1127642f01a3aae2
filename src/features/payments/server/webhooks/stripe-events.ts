/**
 * Stripe's webhook events as payment updates. The signature is checked with the SDK's own
 * `webhooks.constructEvent` (HMAC-SHA256 of `${timestamp}.${raw body}` with the endpoint's
 * signing secret, within five minutes); the event id makes each event apply once
 * (apply-update.ts), and the forward-only state machine makes their order irrelevant.
 */
import Stripe from 'stripe';
import type { Db } from '@/server/db/runtime';
import { applyPaymentUpdate, type PaymentUpdate, type PaymentUpdateResult } from '../apply-update';
import { providerFor } from '../gateway';
import { stripeIntentStatus, stripeMethodDetail } from '../providers/stripe';
import { settlePendingRefund } from './refund-status';

export class StripeSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StripeSignatureError';
  }
}

/** The event, if `signature` proves Stripe sent `rawBody` to this endpoint; throws otherwise. */
export function verifyStripeEvent(
  rawBody: string,
  signature: string | undefined,
  secret: string,
): Stripe.Event {
  if (!signature) throw new StripeSignatureError('The Stripe-Signature header is missing.');
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    throw new StripeSignatureError('The Stripe signature does not match.');
  }
}

export type StripeEventAction =
  | { kind: 'update'; update: PaymentUpdate }
  /** a refund changed: settle our refund row; ask Stripe for the cumulative refunded amount */
  | {
      kind: 'refresh_refunds';
      paymentId: string | null;
      providerPaymentId: string;
      eventId: string;
      eventType: string;
      refundId: string;
      refundStatus: 'pending' | 'succeeded' | 'failed';
    }
  | { kind: 'ignore' };

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  !value ? null : typeof value === 'string' ? value : value.id;

/** What an event means for our payments (pure: no I/O). */
export function stripeEventAction(event: Stripe.Event): StripeEventAction {
  const base = { provider: 'stripe' as const, eventId: event.id, eventType: event.type };
  switch (event.type) {
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
    case 'payment_intent.processing':
    case 'payment_intent.requires_action':
    case 'payment_intent.canceled': {
      const pi = event.data.object;
      const status =
        event.type === 'payment_intent.payment_failed'
          ? 'failed'
          : event.type === 'payment_intent.processing'
            ? 'pending'
            : stripeIntentStatus(pi);
      const error = pi.last_payment_error;
      return {
        kind: 'update',
        update: {
          ...base,
          paymentId: pi.metadata?.paymentId ?? null,
          providerPaymentId: pi.id,
          snapshot: {
            status,
            ...(status === 'failed'
              ? {
                  failureCode:
                    error?.decline_code ??
                    error?.code ??
                    (pi.status === 'canceled' ? 'canceled' : 'declined'),
                  failureMessage:
                    error?.message ??
                    (pi.status === 'canceled' ? 'The payment was cancelled.' : 'The payment was declined.'),
                }
              : {}),
          },
        },
      };
    }
    case 'charge.succeeded': {
      // carries the card used (the PaymentIntent event does not)
      const charge = event.data.object;
      const pi = idOf(charge.payment_intent);
      if (!pi) return { kind: 'ignore' };
      return {
        kind: 'update',
        update: {
          ...base,
          paymentId: charge.metadata?.paymentId ?? null,
          providerPaymentId: pi,
          snapshot: { status: 'succeeded', methodDetail: stripeMethodDetail(charge) },
        },
      };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const pi = idOf(charge.payment_intent);
      if (!pi) return { kind: 'ignore' };
      return {
        kind: 'update',
        update: {
          ...base,
          paymentId: charge.metadata?.paymentId ?? null,
          providerPaymentId: pi,
          // cumulative, as Stripe reports it: a late or repeated event can never lower it
          snapshot: { refundedMinor: charge.amount_refunded },
        },
      };
    }
    case 'charge.refund.updated': {
      // the object is the Refund; the charge's cumulative total has to be read from Stripe
      const refund = event.data.object;
      const pi = idOf(refund.payment_intent);
      if (!pi) return { kind: 'ignore' };
      return {
        kind: 'refresh_refunds',
        paymentId: refund.metadata?.paymentId ?? null,
        providerPaymentId: pi,
        eventId: event.id,
        eventType: event.type,
        refundId: refund.id,
        refundStatus:
          refund.status === 'succeeded'
            ? 'succeeded'
            : refund.status === 'failed' || refund.status === 'canceled'
              ? 'failed'
              : 'pending',
      };
    }
    default:
      return { kind: 'ignore' };
  }
}

export type WebhookOutcome = PaymentUpdateResult['outcome'] | 'ignored';

/** Applies a verified event. */
export async function handleStripeEvent(
  db: Db,
  event: Stripe.Event,
): Promise<{ outcome: WebhookOutcome; result: PaymentUpdateResult | null }> {
  const action = stripeEventAction(event);
  if (action.kind === 'ignore') return { outcome: 'ignored', result: null };
  let update: PaymentUpdate;
  let settled = false;
  if (action.kind === 'update') {
    update = action.update;
  } else {
    settled = await settlePendingRefund(db, 'stripe', action.refundId, action.refundStatus);
    // reading is idempotent; the key only names the request in Stripe's logs
    const provider = await providerFor('stripe');
    const snapshot = await provider.settle(action.providerPaymentId, {
      idempotencyKey: `refresh-${action.eventId}`,
    });
    update = {
      provider: 'stripe',
      paymentId: action.paymentId,
      providerPaymentId: action.providerPaymentId,
      eventId: action.eventId,
      eventType: action.eventType,
      snapshot: { refundedMinor: snapshot.refundedMinor ?? 0 },
    };
  }
  const result = await applyPaymentUpdate(db, update);
  // a pending refund of ours finished: applied, even though the total was recorded with it
  return { outcome: settled && result.outcome === 'unchanged' ? 'applied' : result.outcome, result };
}
