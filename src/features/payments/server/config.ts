/**
 * Which providers are configured. Read from the environment once; tests replace it with
 * `setPaymentConfig` to point the real SDKs at a local peer.
 */
import { env } from '@/env';

export interface StripeConfig {
  secretKey: string;
  publishableKey: string | null;
  webhookSecret: string | null;
  /** e.g. http://127.0.0.1:12111 for a test peer; null for Stripe's own API */
  apiBase: string | null;
}

export interface PayPalConfig {
  clientId: string;
  clientSecret: string;
  webhookId: string | null;
  environment: 'sandbox' | 'live';
  /** null for PayPal's own API of `environment` */
  apiBase: string | null;
}

export interface PaymentConfig {
  stripe: StripeConfig | null;
  paypal: PayPalConfig | null;
  holdMinutes: number;
  vatNumber: string | null;
}

function fromEnv(): PaymentConfig {
  return {
    stripe: env.STRIPE_SECRET_KEY
      ? {
          secretKey: env.STRIPE_SECRET_KEY,
          publishableKey: env.STRIPE_PUBLISHABLE_KEY ?? null,
          webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? null,
          apiBase: env.STRIPE_API_BASE ?? null,
        }
      : null,
    paypal:
      env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET
        ? {
            clientId: env.PAYPAL_CLIENT_ID,
            clientSecret: env.PAYPAL_CLIENT_SECRET,
            webhookId: env.PAYPAL_WEBHOOK_ID ?? null,
            environment: env.PAYPAL_ENV,
            apiBase: env.PAYPAL_API_BASE ?? null,
          }
        : null,
    holdMinutes: env.PAYMENT_HOLD_MINUTES,
    vatNumber: env.VAT_NUMBER ?? null,
  };
}

declare global {
  var __rtPaymentConfig: PaymentConfig | undefined;
  var __rtPaymentProviders: Map<string, unknown> | undefined;
}

export function paymentConfig(): PaymentConfig {
  return (globalThis.__rtPaymentConfig ??= fromEnv());
}

/** Tests: replace the configuration (null: back to the environment's). */
export function setPaymentConfig(config: Partial<PaymentConfig> | null): void {
  globalThis.__rtPaymentConfig = config ? { ...fromEnv(), ...config } : undefined;
  globalThis.__rtPaymentProviders = undefined;
}
