import type Stripe from 'stripe';
import { OrderStatus, type Order } from '@paypal/paypal-server-sdk';
import { describe, expect, it } from 'vitest';
import { approveLink, fromPayPalValue, paypalSnapshot, toPayPalValue } from './paypal';
import { stripeIntentStatus, stripeMethodDetail, stripeSnapshot } from './stripe';

describe('PayPal amounts', () => {
  it('writes minor units as PayPal decimal strings, per the currency’s digits', () => {
    expect(toPayPalValue(18900, 'GBP')).toBe('189.00');
    expect(toPayPalValue(5, 'GBP')).toBe('0.05');
    expect(toPayPalValue(1234, 'JPY')).toBe('1234');
    expect(toPayPalValue(1234, 'BHD')).toBe('1.234');
  });

  it('reads them back exactly', () => {
    expect(fromPayPalValue({ currencyCode: 'GBP', value: '189.00' })).toBe(18900);
    expect(fromPayPalValue({ currencyCode: 'GBP', value: '189.5' })).toBe(18950);
    expect(fromPayPalValue({ currencyCode: 'GBP', value: '0.07' })).toBe(7);
    expect(fromPayPalValue({ currencyCode: 'JPY', value: '1234' })).toBe(1234);
    expect(fromPayPalValue({ currencyCode: 'GBP', value: 'nonsense' })).toBe(0);
    expect(fromPayPalValue(undefined)).toBe(0);
  });
});

describe('PayPal orders', () => {
  it('finds the approval link (payer-action, else approve)', () => {
    expect(
      approveLink([
        { href: 'https://api/self', rel: 'self' },
        { href: 'https://www.paypal.com/checkoutnow?token=1', rel: 'payer-action' },
      ]),
    ).toBe('https://www.paypal.com/checkoutnow?token=1');
    expect(approveLink([{ href: 'https://www.paypal.com/checkoutnow?token=2', rel: 'approve' }])).toBe(
      'https://www.paypal.com/checkoutnow?token=2',
    );
    expect(approveLink(undefined)).toBeNull();
  });

  it('reads status, capture, payer and refunds from an order', () => {
    const completed: Order = {
      id: 'O1',
      status: OrderStatus.Completed,
      paymentSource: { paypal: { emailAddress: 'payer@example.com' } },
      purchaseUnits: [
        {
          payments: {
            captures: [
              {
                id: 'C1',
                status: 'PARTIALLY_REFUNDED' as never,
                amount: { currencyCode: 'GBP', value: '100.00' },
              },
            ],
            refunds: [
              { id: 'R1', status: 'COMPLETED' as never, amount: { currencyCode: 'GBP', value: '10.00' } },
              { id: 'R2', status: 'PENDING' as never, amount: { currencyCode: 'GBP', value: '5.00' } },
            ],
          },
        },
      ],
    };
    expect(paypalSnapshot(completed)).toEqual({
      status: 'succeeded',
      captureId: 'C1',
      refundedMinor: 1000,
      methodDetail: 'PayPal (payer@example.com)',
    });
    expect(paypalSnapshot({ id: 'O2', status: OrderStatus.PayerActionRequired })).toEqual({
      status: 'pending',
    });
    expect(paypalSnapshot({ id: 'O3', status: OrderStatus.Approved })).toEqual({ status: 'pending' });
    expect(paypalSnapshot({ id: 'O4', status: OrderStatus.Voided }).status).toBe('failed');
    const declined: Order = {
      id: 'O5',
      status: OrderStatus.Completed,
      purchaseUnits: [{ payments: { captures: [{ id: 'C5', status: 'DECLINED' as never }] } }],
    };
    expect(paypalSnapshot(declined)).toMatchObject({
      status: 'failed',
      captureId: 'C5',
      failureCode: 'declined',
    });
  });
});

describe('Stripe intents', () => {
  const pi = (status: string, extra: Partial<Stripe.PaymentIntent> = {}) =>
    ({ id: 'pi_1', status, last_payment_error: null, latest_charge: null, ...extra }) as Stripe.PaymentIntent;

  it('maps PaymentIntent statuses', () => {
    expect(stripeIntentStatus(pi('requires_payment_method'))).toBe('pending');
    expect(stripeIntentStatus(pi('requires_confirmation'))).toBe('pending');
    expect(stripeIntentStatus(pi('processing'))).toBe('pending');
    expect(stripeIntentStatus(pi('requires_action'))).toBe('requires_action');
    expect(stripeIntentStatus(pi('succeeded'))).toBe('succeeded');
    expect(stripeIntentStatus(pi('canceled'))).toBe('failed');
    // a declined attempt: back to requires_payment_method, with the error
    expect(
      stripeIntentStatus(
        pi('requires_payment_method', {
          last_payment_error: {
            type: 'card_error',
            message: 'Declined',
          } as Stripe.PaymentIntent.LastPaymentError,
        }),
      ),
    ).toBe('failed');
  });

  it('reads the card and the refunded total from the latest charge', () => {
    const charge = {
      id: 'ch_1',
      amount_refunded: 700,
      payment_method_details: { type: 'card', card: { brand: 'mastercard', last4: '4444' } },
    } as unknown as Stripe.Charge;
    expect(stripeSnapshot(pi('succeeded', { latest_charge: charge }))).toEqual({
      status: 'succeeded',
      refundedMinor: 700,
      methodDetail: 'Mastercard •••• 4444',
      failureCode: null,
      failureMessage: null,
    });
    expect(stripeMethodDetail(null)).toBeNull();
    expect(
      stripeMethodDetail({ payment_method_details: { type: 'bacs_debit' } } as unknown as Stripe.Charge),
    ).toBe('bacs debit');
    expect(
      stripeSnapshot(
        pi('requires_payment_method', {
          last_payment_error: {
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined.',
          } as Stripe.PaymentIntent.LastPaymentError,
        }),
      ),
    ).toMatchObject({
      status: 'failed',
      failureCode: 'generic_decline',
      failureMessage: 'Your card was declined.',
    });
  });
});
