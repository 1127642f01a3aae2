/**
 * One interface over every way of taking money. The gateway picks the provider; nothing else
 * knows which one stands behind a payment.
 */
import type { PaymentProvider } from '@/server/db/schema';
import type { ProviderStatus } from '../../state';

export interface CreateIntentInput {
  /** our payment id: sent as metadata so webhooks find the payment */
  paymentId: string;
  amountMinor: number;
  currency: string;
  /** e.g. "Repair RT-4K7Q2Z" */
  description: string;
  reference: string;
  /** absent for a walk-in who gave no e-mail address */
  customerEmail: string | null;
  /** forwarded to the provider, so a retried create never makes two charges */
  idempotencyKey: string;
  /** where PayPal sends the customer back after approval */
  returnUrl: string;
  cancelUrl: string;
}

export interface ProviderIntent {
  providerPaymentId: string;
  status: ProviderStatus;
  /** Stripe: the Payment Element's client secret */
  clientSecret?: string | null;
  /** PayPal: where the customer approves the payment */
  approveUrl?: string | null;
}

export interface ProviderSnapshot {
  status: ProviderStatus;
  /** PayPal: the capture (refunds are made against it) */
  captureId?: string | null;
  /** cumulative refunded amount as the provider knows it */
  refundedMinor?: number;
  methodDetail?: string | null;
  failureCode?: string | null;
  failureMessage?: string | null;
}

export interface RefundInput {
  providerPaymentId: string;
  providerCaptureId: string | null;
  amountMinor: number;
  currency: string;
  reason: string;
  idempotencyKey: string;
  paymentId: string;
}

export interface ProviderRefund {
  providerRefundId: string;
  status: 'pending' | 'succeeded' | 'failed';
}

export interface PaymentGatewayProvider {
  readonly id: PaymentProvider;
  createIntent(input: CreateIntentInput): Promise<ProviderIntent>;
  /**
   * What the provider says now (after the customer confirmed on the client, or approved at
   * PayPal). PayPal captures an approved order here; Stripe only reads.
   */
  settle(providerPaymentId: string, opts: { idempotencyKey: string }): Promise<ProviderSnapshot>;
  refund(input: RefundInput): Promise<ProviderRefund>;
}

/** A provider refused the request (declined, invalid); the message is safe to show. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** true when the provider declined the payment itself (rather than failing) */
    readonly declined = false,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
