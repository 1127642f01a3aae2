import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { StripeSignatureError, stripeEventAction, verifyStripeEvent } from './stripe-events';

const secret = 'whsec_unit_test_secret';
const PAYMENT = '5b0e2a4c-8a3e-4f51-9d4f-2f1b7c1d9e01';

function event(type: string, object: Record<string, unknown>, id = `evt_${type.replace(/\W/g, '_')}`) {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-01-01',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
}

function signed(raw: string) {
  return verifyStripeEvent(raw, Stripe.webhooks.generateTestHeaderString({ payload: raw, secret }), secret);
}

const intent = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'pi_123',
  object: 'payment_intent',
  amount: 18900,
  currency: 'gbp',
  status,
  metadata: { paymentId: PAYMENT, reference: 'RT-ABC123' },
  last_payment_error: null,
  latest_charge: 'ch_1',
  ...extra,
});

describe('verifyStripeEvent', () => {
  it('accepts the v1 signature made with the endpoint secret', () => {
    const raw = event('payment_intent.succeeded', intent('succeeded'));
    expect(signed(raw).id).toBe('evt_payment_intent_succeeded');
  });

  it('refuses a missing header, another secret, a changed body and an old timestamp', () => {
    const raw = event('payment_intent.succeeded', intent('succeeded'));
    const header = Stripe.webhooks.generateTestHeaderString({ payload: raw, secret });
    expect(() => verifyStripeEvent(raw, undefined, secret)).toThrow(StripeSignatureError);
    expect(() => verifyStripeEvent(raw, header, 'whsec_other')).toThrow(/does not match/);
    expect(() => verifyStripeEvent(raw.replace('18900', '1'), header, secret)).toThrow(StripeSignatureError);
    const old = Stripe.webhooks.generateTestHeaderString({
      payload: raw,
      secret,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect(() => verifyStripeEvent(raw, old, secret)).toThrow(StripeSignatureError);
    expect(() => verifyStripeEvent(raw, 't=1,v1=deadbeef', secret)).toThrow(StripeSignatureError);
  });
});

describe('stripeEventAction', () => {
  it('maps PaymentIntent events to statuses, keyed by our id and the intent id', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['payment_intent.succeeded', intent('succeeded'), 'succeeded'],
      ['payment_intent.processing', intent('processing'), 'pending'],
      ['payment_intent.requires_action', intent('requires_action'), 'requires_action'],
      ['payment_intent.canceled', intent('canceled'), 'failed'],
    ];
    for (const [type, object, status] of cases) {
      const action = stripeEventAction(signed(event(type, object)));
      expect(action, type).toMatchObject({
        kind: 'update',
        update: {
          provider: 'stripe',
          paymentId: PAYMENT,
          providerPaymentId: 'pi_123',
          eventId: `evt_${type.replace(/\W/g, '_')}`,
          eventType: type,
          snapshot: { status },
        },
      });
    }
  });

  it('a failed payment carries the decline code and Stripe’s message', () => {
    const action = stripeEventAction(
      signed(
        event(
          'payment_intent.payment_failed',
          intent('requires_payment_method', {
            last_payment_error: {
              type: 'card_error',
              code: 'card_declined',
              decline_code: 'insufficient_funds',
              message: 'Your card has insufficient funds.',
            },
          }),
        ),
      ),
    );
    expect(action).toMatchObject({
      kind: 'update',
      update: {
        snapshot: {
          status: 'failed',
          failureCode: 'insufficient_funds',
          failureMessage: 'Your card has insufficient funds.',
        },
      },
    });
  });

  it('charge.succeeded brings the card; charge.refunded the cumulative refunded amount', () => {
    const charge = {
      id: 'ch_1',
      object: 'charge',
      amount: 18900,
      amount_refunded: 5000,
      payment_intent: 'pi_123',
      metadata: {},
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
    };
    expect(stripeEventAction(signed(event('charge.succeeded', charge)))).toMatchObject({
      kind: 'update',
      update: {
        paymentId: null,
        providerPaymentId: 'pi_123',
        snapshot: { status: 'succeeded', methodDetail: 'Visa •••• 4242' },
      },
    });
    const refunded = stripeEventAction(signed(event('charge.refunded', charge)));
    expect(refunded).toMatchObject({
      kind: 'update',
      update: { providerPaymentId: 'pi_123', snapshot: { refundedMinor: 5000 } },
    });
    expect(refunded.kind === 'update' && refunded.update.snapshot.status).toBe(undefined);
  });

  it('charge.refund.updated asks Stripe for the total; other events are ignored', () => {
    const refund = {
      id: 're_1',
      object: 'refund',
      amount: 100,
      charge: 'ch_1',
      payment_intent: 'pi_123',
      status: 'succeeded',
      metadata: { paymentId: PAYMENT },
    };
    expect(stripeEventAction(signed(event('charge.refund.updated', refund)))).toEqual({
      kind: 'refresh_refunds',
      paymentId: PAYMENT,
      providerPaymentId: 'pi_123',
      eventId: 'evt_charge_refund_updated',
      eventType: 'charge.refund.updated',
      refundId: 're_1',
      refundStatus: 'succeeded',
    });
    for (const [status, ours] of [
      ['pending', 'pending'],
      ['requires_action', 'pending'],
      ['failed', 'failed'],
      ['canceled', 'failed'],
    ]) {
      expect(stripeEventAction(signed(event('charge.refund.updated', { ...refund, status })))).toMatchObject({
        refundStatus: ours,
      });
    }
    expect(stripeEventAction(signed(event('customer.created', { id: 'cus_1', object: 'customer' })))).toEqual(
      {
        kind: 'ignore',
      },
    );
    expect(
      stripeEventAction(
        signed(event('charge.refunded', { id: 'ch_2', object: 'charge', payment_intent: null })),
      ),
    ).toEqual({ kind: 'ignore' });
  });
});
