import { describe, expect, it } from 'vitest';
import { captureIdFromLinks, paypalEventAction, PayPalEventSchema } from './paypal-events';

const PAYMENT = '5b0e2a4c-8a3e-4f51-9d4f-2f1b7c1d9e01';
const API = 'https://api.sandbox.paypal.com';

const parse = (event: unknown) => PayPalEventSchema.parse(event);

const capture = (status: string, extra: Record<string, unknown> = {}) => ({
  id: '3C679366HH908993F',
  status,
  amount: { currency_code: 'GBP', value: '189.00' },
  custom_id: PAYMENT,
  invoice_id: 'RT-ABC123-5b0e2a4c',
  supplementary_data: { related_ids: { order_id: '5O190127TN364715T' } },
  links: [
    { href: `${API}/v2/payments/captures/3C679366HH908993F`, rel: 'self', method: 'GET' },
    { href: `${API}/v2/checkout/orders/5O190127TN364715T`, rel: 'up', method: 'GET' },
  ],
  ...extra,
});

describe('paypalEventAction', () => {
  it('an approved order is to be captured', () => {
    const action = paypalEventAction(
      parse({
        id: 'WH-1',
        event_type: 'CHECKOUT.ORDER.APPROVED',
        resource_type: 'checkout-order',
        resource: {
          id: '5O190127TN364715T',
          status: 'APPROVED',
          intent: 'CAPTURE',
          purchase_units: [{ reference_id: 'default', custom_id: PAYMENT }],
        },
      }),
    );
    expect(action).toEqual({
      kind: 'capture',
      eventId: 'WH-1',
      eventType: 'CHECKOUT.ORDER.APPROVED',
      paymentId: PAYMENT,
      orderId: '5O190127TN364715T',
    });
  });

  it('a completed capture succeeds, with its capture id; pending stays pending', () => {
    expect(
      paypalEventAction(
        parse({ id: 'WH-2', event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: capture('COMPLETED') }),
      ),
    ).toEqual({
      kind: 'update',
      captureId: '3C679366HH908993F',
      update: {
        provider: 'paypal',
        eventId: 'WH-2',
        eventType: 'PAYMENT.CAPTURE.COMPLETED',
        paymentId: PAYMENT,
        providerPaymentId: '5O190127TN364715T',
        snapshot: { status: 'succeeded', captureId: '3C679366HH908993F' },
      },
    });
    expect(
      paypalEventAction(
        parse({ id: 'WH-3', event_type: 'PAYMENT.CAPTURE.PENDING', resource: capture('PENDING') }),
      ),
    ).toMatchObject({ kind: 'update', update: { snapshot: { status: 'pending' } } });
  });

  it('a denied or declined capture fails the payment', () => {
    for (const type of ['PAYMENT.CAPTURE.DENIED', 'PAYMENT.CAPTURE.DECLINED']) {
      expect(
        paypalEventAction(
          parse({
            id: `WH-${type}`,
            event_type: type,
            resource: capture('DECLINED', { status_details: { reason: 'DECLINED_BY_RISK_FRAUD_FILTERS' } }),
          }),
        ),
        type,
      ).toMatchObject({
        kind: 'update',
        update: { snapshot: { status: 'failed', failureCode: 'declined_by_risk_fraud_filters' } },
      });
    }
  });

  it('a refund names its capture in the up link and carries the cumulative total', () => {
    const refund = (total?: string) => ({
      id: 'WH-R',
      event_type: 'PAYMENT.CAPTURE.REFUNDED',
      resource: {
        id: '1JU08902781691411',
        status: 'COMPLETED',
        amount: { currency_code: 'GBP', value: '50.00' },
        ...(total
          ? { seller_payable_breakdown: { total_refunded_amount: { currency_code: 'GBP', value: total } } }
          : {}),
        links: [
          { href: `${API}/v2/payments/refunds/1JU08902781691411`, rel: 'self', method: 'GET' },
          { href: `${API}/v2/payments/captures/3C679366HH908993F`, rel: 'up', method: 'GET' },
        ],
      },
    });
    expect(paypalEventAction(parse(refund('75.50')))).toEqual({
      kind: 'refund',
      eventId: 'WH-R',
      eventType: 'PAYMENT.CAPTURE.REFUNDED',
      paymentId: null,
      captureId: '3C679366HH908993F',
      refundedMinor: 7550,
      refundId: '1JU08902781691411',
      refundStatus: 'succeeded',
    });
    expect(paypalEventAction(parse(refund()))).toMatchObject({ kind: 'refund', refundedMinor: null });
  });

  it('ignores other events and events without the ids it needs', () => {
    expect(
      paypalEventAction(parse({ id: 'WH-4', event_type: 'BILLING.PLAN.CREATED', resource: {} })),
    ).toEqual({
      kind: 'ignore',
    });
    expect(
      paypalEventAction(parse({ id: 'WH-5', event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: {} })),
    ).toEqual({
      kind: 'ignore',
    });
    expect(
      paypalEventAction(
        parse({ id: 'WH-6', event_type: 'PAYMENT.CAPTURE.REFUNDED', resource: { links: [] } }),
      ),
    ).toEqual({ kind: 'ignore' });
  });

  it('the schema refuses what is not an event', () => {
    expect(PayPalEventSchema.safeParse({ event_type: 'X', resource: {} }).success).toBe(false);
    expect(PayPalEventSchema.safeParse({ id: 'WH-7', event_type: 'X' }).success).toBe(false);
  });
});

describe('captureIdFromLinks', () => {
  it('takes the id from the up link only when it points at a capture', () => {
    expect(captureIdFromLinks([{ href: `${API}/v2/payments/captures/ABC`, rel: 'up' }])).toBe('ABC');
    expect(captureIdFromLinks([{ href: `${API}/v2/payments/captures/ABC`, rel: 'self' }])).toBeNull();
    expect(captureIdFromLinks([{ href: `${API}/v2/checkout/orders/ABC`, rel: 'up' }])).toBeNull();
    expect(captureIdFromLinks(undefined)).toBeNull();
  });
});
