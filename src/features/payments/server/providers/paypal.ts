/**
 * PayPal through its official server SDK (Orders v2 with intent CAPTURE): an order per payment,
 * approved by the customer at PayPal (the `payer-action` link), captured here when they come
 * back (or when PayPal's CHECKOUT.ORDER.APPROVED webhook arrives first), refunded against the
 * capture. Every write carries a PayPal-Request-Id, so a retry is answered with the first result.
 *
 * The SDK knows only PayPal's own sandbox and live hosts; `config.apiBase` (a local test peer,
 * say) is honoured by rewriting the origin of each request the SDK builds, through the request
 * builder's own interceptor hook (the OAuth token request included).
 */
import {
  ApiError as PayPalApiError,
  CheckoutPaymentIntent,
  Client,
  Environment,
  OrdersController,
  PaymentsController,
  PaypalExperienceUserAction,
  PaypalWalletContextShippingPreference,
  type LinkDescription,
  type Order,
  type OrdersCapture,
  type Refund,
} from '@paypal/paypal-server-sdk';
// the amount conversions live apart from the SDK, so the webhooks load without it
import { fromPayPalValue, toPayPalValue } from './paypal-money';
import type { PayPalConfig } from '../config';
import {
  ProviderError,
  type CreateIntentInput,
  type PaymentGatewayProvider,
  type ProviderIntent,
  type ProviderRefund,
  type ProviderSnapshot,
  type RefundInput,
} from './types';

export { fromPayPalValue, toPayPalValue };

/** PayPal's API hosts the SDK addresses (its Environment enum). */
export const PAYPAL_API_ORIGINS: Record<PayPalConfig['environment'], string> = {
  sandbox: 'https://api-m.sandbox.paypal.com',
  live: 'https://api-m.paypal.com',
};

export function paypalClient(config: PayPalConfig): Client {
  const options: ConstructorParameters<typeof Client>[0] = {
    clientCredentialsAuthCredentials: {
      oAuthClientId: config.clientId,
      oAuthClientSecret: config.clientSecret,
    },
    environment: config.environment === 'live' ? Environment.Production : Environment.Sandbox,
    timeout: 20_000,
  };
  if (!config.apiBase) return new Client(options);
  const base = new URL(config.apiBase);
  const prefix = base.pathname.replace(/\/+$/, '');
  /** Sends every request the SDK builds to `apiBase` instead of PayPal's host. */
  class RebasedClient extends Client {
    override getRequestBuilderFactory(): ReturnType<Client['getRequestBuilderFactory']> {
      const inner = super.getRequestBuilderFactory();
      return (method, path) => {
        const builder = inner(method, path);
        builder.interceptRequest((request) => {
          const url = new URL(request.url);
          return { ...request, url: `${base.origin}${prefix}${url.pathname}${url.search}` };
        });
        return builder;
      };
    }
  }
  return new RebasedClient(options);
}

export function approveLink(links: LinkDescription[] | undefined): string | null {
  const link = links?.find((l) => l.rel === 'payer-action') ?? links?.find((l) => l.rel === 'approve');
  return link?.href ?? null;
}

/** The issue PayPal names in an error (INSTRUMENT_DECLINED, ORDER_ALREADY_CAPTURED ...). */
export function paypalIssue(err: unknown): string | null {
  if (!(err instanceof PayPalApiError)) return null;
  const result = err.result as { name?: string; details?: Array<{ issue?: string }> } | undefined;
  return result?.details?.[0]?.issue ?? result?.name ?? null;
}

const DECLINED_ISSUES = new Set([
  'INSTRUMENT_DECLINED',
  'TRANSACTION_REFUSED',
  'PAYER_CANNOT_PAY',
  'PAYEE_BLOCKED_TRANSACTION',
  'COMPLIANCE_VIOLATION',
  'MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED',
  'REDIRECT_PAYER_FOR_ALTERNATE_FUNDING',
]);

function toProviderError(err: unknown, what: string): ProviderError {
  if (err instanceof ProviderError) return err;
  const issue = paypalIssue(err);
  if (issue && DECLINED_ISSUES.has(issue)) {
    return new ProviderError('PayPal declined the payment. Please try another way to pay.', issue, true);
  }
  if (err instanceof PayPalApiError) {
    return new ProviderError(`PayPal could not ${what}.`, issue ?? `http_${err.statusCode}`);
  }
  return new ProviderError(`PayPal could not be reached to ${what}.`, 'paypal_unreachable');
}

function firstCapture(order: Order): OrdersCapture | null {
  for (const unit of order.purchaseUnits ?? []) {
    const capture = unit.payments?.captures?.[0];
    if (capture) return capture;
  }
  return null;
}

/** Cumulative completed refunds of an order's captures. */
function refundedOf(order: Order, capture: OrdersCapture | null): number {
  const refunds: Refund[] = (order.purchaseUnits ?? []).flatMap((u) => u.payments?.refunds ?? []);
  const sum = refunds
    .filter((r) => r.status === 'COMPLETED')
    .reduce((t, r) => t + fromPayPalValue(r.amount), 0);
  if (sum === 0 && capture?.status === 'REFUNDED') return fromPayPalValue(capture.amount);
  return sum;
}

function payerOf(order: Order): string | null {
  const email = order.paymentSource?.paypal?.emailAddress ?? order.payer?.emailAddress;
  return email ? `PayPal (${email})` : 'PayPal';
}

/** What an order says about our payment (no capture attempted). */
export function paypalSnapshot(order: Order): ProviderSnapshot {
  switch (order.status) {
    case 'COMPLETED': {
      const capture = firstCapture(order);
      const status = capture?.status;
      if (status === 'DECLINED' || status === 'FAILED') {
        return {
          status: 'failed',
          captureId: capture?.id ?? null,
          failureCode: status.toLowerCase(),
          failureMessage: 'PayPal declined the payment. Please try another way to pay.',
        };
      }
      return {
        status: status === 'PENDING' ? 'pending' : 'succeeded',
        captureId: capture?.id ?? null,
        refundedMinor: refundedOf(order, capture),
        methodDetail: payerOf(order),
      };
    }
    case 'VOIDED':
      return { status: 'failed', failureCode: 'voided', failureMessage: 'The PayPal order was cancelled.' };
    default:
      // CREATED, SAVED, PAYER_ACTION_REQUIRED: waiting for the customer; APPROVED: not captured
      return { status: 'pending' };
  }
}

export function createPayPalProvider(config: PayPalConfig): PaymentGatewayProvider {
  const client = paypalClient(config);
  const orders = new OrdersController(client);
  const payments = new PaymentsController(client);

  async function capture(orderId: string, idempotencyKey: string): Promise<Order> {
    try {
      const { result } = await orders.captureOrder({
        id: orderId,
        paypalRequestId: idempotencyKey,
        prefer: 'return=representation',
      });
      return result;
    } catch (err) {
      // captured already (by a webhook, another tab): read what PayPal holds
      if (paypalIssue(err) === 'ORDER_ALREADY_CAPTURED') {
        return (await orders.getOrder({ id: orderId })).result;
      }
      throw err;
    }
  }

  return {
    id: 'paypal',

    async createIntent(input: CreateIntentInput): Promise<ProviderIntent> {
      try {
        const { result } = await orders.createOrder({
          body: {
            intent: CheckoutPaymentIntent.Capture,
            purchaseUnits: [
              {
                amount: {
                  currencyCode: input.currency.toUpperCase(),
                  value: toPayPalValue(input.amountMinor, input.currency),
                },
                customId: input.paymentId,
                // unique per order at PayPal (it refuses a repeated invoice id)
                invoiceId: `${input.reference}-${input.paymentId.slice(0, 8)}`,
                description: input.description.slice(0, 127),
              },
            ],
            paymentSource: {
              paypal: {
                experienceContext: {
                  returnUrl: input.returnUrl,
                  cancelUrl: input.cancelUrl,
                  userAction: PaypalExperienceUserAction.PayNow,
                  shippingPreference: PaypalWalletContextShippingPreference.NoShipping,
                },
              },
            },
          },
          paypalRequestId: input.idempotencyKey,
          prefer: 'return=representation',
        });
        if (!result.id) throw new ProviderError('PayPal did not return an order id.', 'no_order_id');
        return { providerPaymentId: result.id, approveUrl: approveLink(result.links), status: 'pending' };
      } catch (err) {
        throw toProviderError(err, 'start the payment');
      }
    },

    async settle(orderId: string, opts: { idempotencyKey: string }): Promise<ProviderSnapshot> {
      try {
        let order = (await orders.getOrder({ id: orderId })).result;
        if (order.status === 'APPROVED') {
          order = await capture(orderId, opts.idempotencyKey);
          const status = firstCapture(order)?.status;
          if (status === 'DECLINED' || status === 'FAILED') {
            throw new ProviderError(
              'PayPal declined the payment. Please try another way to pay.',
              status.toLowerCase(),
              true,
            );
          }
        }
        return paypalSnapshot(order);
      } catch (err) {
        throw toProviderError(err, 'report on the payment');
      }
    },

    async refund(input: RefundInput): Promise<ProviderRefund> {
      if (!input.providerCaptureId) {
        throw new ProviderError('This PayPal payment has no capture to refund.', 'no_capture');
      }
      try {
        const { result } = await payments.refundCapturedPayment({
          captureId: input.providerCaptureId,
          paypalRequestId: input.idempotencyKey,
          prefer: 'return=representation',
          body: {
            amount: {
              currencyCode: input.currency.toUpperCase(),
              value: toPayPalValue(input.amountMinor, input.currency),
            },
            customId: input.paymentId,
            noteToPayer: input.reason.slice(0, 255),
          },
        });
        if (!result.id) throw new ProviderError('PayPal did not return a refund id.', 'no_refund_id');
        return {
          providerRefundId: result.id,
          status:
            result.status === 'COMPLETED' ? 'succeeded' : result.status === 'PENDING' ? 'pending' : 'failed',
        };
      } catch (err) {
        throw toProviderError(err, 'refund the payment');
      }
    },
  };
}
