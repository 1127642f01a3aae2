/**
 * Card payments through Stripe's official SDK: a PaymentIntent per payment (confirmed by the
 * customer in Stripe's Payment Element with its client secret), read back when the customer
 * returns or a webhook arrives, refunded through /v1/refunds. Every write carries our
 * idempotency key, so a retried request never charges or refunds twice.
 *
 * `config.apiBase` points the SDK at another host (a local test peer); otherwise it talks to
 * api.stripe.com.
 */
import Stripe from 'stripe';
import type { ProviderStatus } from '../../state';
import type { StripeConfig } from '../config';
import {
  ProviderError,
  type CreateIntentInput,
  type PaymentGatewayProvider,
  type ProviderIntent,
  type ProviderRefund,
  type ProviderSnapshot,
  type RefundInput,
} from './types';

/** The SDK client for `config` (pointed at `config.apiBase` when set). */
export function stripeClient(config: StripeConfig): Stripe {
  const base = config.apiBase ? new URL(config.apiBase) : null;
  const protocol = base?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(config.secretKey, {
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (protocol === 'http' ? 80 : 443),
          protocol,
        }
      : {}),
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'RevivaTech' },
  });
}

/** What a PaymentIntent's status means for us. */
export function stripeIntentStatus(
  pi: Pick<Stripe.PaymentIntent, 'status' | 'last_payment_error'>,
): ProviderStatus {
  switch (pi.status) {
    case 'succeeded':
      return 'succeeded';
    case 'requires_action':
      return 'requires_action';
    case 'canceled':
      return 'failed';
    // a declined attempt sends the intent back to requires_payment_method with the error
    case 'requires_payment_method':
      return pi.last_payment_error ? 'failed' : 'pending';
    default:
      // requires_confirmation, processing, requires_capture
      return 'pending';
  }
}

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  cartes_bancaires: 'Cartes Bancaires',
};

/** "Visa •••• 4242" from a charge's card details (null for other payment methods). */
export function stripeMethodDetail(
  charge: Pick<Stripe.Charge, 'payment_method_details'> | null,
): string | null {
  const details = charge?.payment_method_details;
  if (!details) return null;
  const card = details.card;
  if (card?.last4) {
    const brand = card.brand
      ? (BRANDS[card.brand] ?? card.brand[0]!.toUpperCase() + card.brand.slice(1))
      : 'Card';
    return `${brand} •••• ${card.last4}`;
  }
  return details.type ? details.type.replace(/_/g, ' ') : null;
}

/** Our snapshot of a PaymentIntent (with its latest charge expanded, when it has one). */
export function stripeSnapshot(pi: Stripe.PaymentIntent): ProviderSnapshot {
  const charge = pi.latest_charge && typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
  const status = stripeIntentStatus(pi);
  const error = pi.last_payment_error;
  return {
    status,
    refundedMinor: charge?.amount_refunded ?? 0,
    methodDetail: stripeMethodDetail(charge),
    failureCode:
      status === 'failed'
        ? (error?.decline_code ?? error?.code ?? (pi.status === 'canceled' ? 'canceled' : null))
        : null,
    failureMessage:
      status === 'failed'
        ? (error?.message ?? (pi.status === 'canceled' ? 'The payment was cancelled.' : null))
        : null,
  };
}

/** A Stripe error as ours: card declines keep Stripe's message (written for the customer). */
export function toProviderError(err: unknown, what: string): ProviderError {
  if (err instanceof Stripe.errors.StripeCardError) {
    return new ProviderError(
      err.message || 'The card was declined.',
      err.decline_code ?? err.code ?? 'card_declined',
      true,
    );
  }
  if (err instanceof Stripe.errors.StripeError) {
    return new ProviderError(`Stripe could not ${what}.`, err.code ?? err.type ?? 'stripe_error');
  }
  return new ProviderError(`Stripe could not be reached to ${what}.`, 'stripe_unreachable');
}

export function createStripeProvider(config: StripeConfig): PaymentGatewayProvider {
  const stripe = stripeClient(config);
  return {
    id: 'stripe',

    async createIntent(input: CreateIntentInput): Promise<ProviderIntent> {
      let pi: Stripe.PaymentIntent;
      try {
        pi = await stripe.paymentIntents.create(
          {
            amount: input.amountMinor,
            currency: input.currency.toLowerCase(),
            description: input.description,
            receipt_email: input.customerEmail ?? undefined,
            metadata: { paymentId: input.paymentId, reference: input.reference },
            automatic_payment_methods: { enabled: true },
          },
          { idempotencyKey: input.idempotencyKey },
        );
      } catch (err) {
        throw toProviderError(err, 'start the payment');
      }
      if (!pi.client_secret)
        throw new ProviderError('Stripe did not return a client secret.', 'no_client_secret');
      return { providerPaymentId: pi.id, clientSecret: pi.client_secret, status: stripeIntentStatus(pi) };
    },

    async settle(providerPaymentId: string): Promise<ProviderSnapshot> {
      try {
        const pi = await stripe.paymentIntents.retrieve(providerPaymentId, { expand: ['latest_charge'] });
        return stripeSnapshot(pi);
      } catch (err) {
        throw toProviderError(err, 'report on the payment');
      }
    },

    async refund(input: RefundInput): Promise<ProviderRefund> {
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: input.providerPaymentId,
            amount: input.amountMinor,
            reason: 'requested_by_customer',
            metadata: { paymentId: input.paymentId, reason: input.reason.slice(0, 500) },
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return {
          providerRefundId: refund.id,
          status:
            refund.status === 'succeeded'
              ? 'succeeded'
              : refund.status === 'pending' || refund.status === 'requires_action'
                ? 'pending'
                : 'failed',
        };
      } catch (err) {
        throw toProviderError(err, 'refund the payment');
      }
    },
  };
}
