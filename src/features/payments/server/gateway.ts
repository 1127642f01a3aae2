/**
 * The gateway: which methods are offered and which provider stands behind each. Card payments
 * go to Stripe when its keys are set, otherwise to the built-in sandbox; PayPal is offered only
 * when configured; pay on collection always is.
 */
import type { PaymentProvider } from '@/server/db/schema';
import type { PaymentMethod, PaymentMethodInfo, PaymentMethods } from '../schemas';
import { paymentConfig } from './config';
import { collectionProvider, sandboxProvider } from './providers/sandbox';
import type { PaymentGatewayProvider } from './providers/types';

export function cardProvider(): 'stripe' | 'sandbox' {
  return paymentConfig().stripe ? 'stripe' : 'sandbox';
}

export function isTestMode(provider: PaymentProvider): boolean {
  const config = paymentConfig();
  if (provider === 'sandbox') return true;
  if (provider === 'stripe') return !!config.stripe?.secretKey.includes('_test_');
  if (provider === 'paypal') return config.paypal?.environment !== 'live';
  return false;
}

export function providerForMethod(method: PaymentMethod): PaymentProvider {
  if (method === 'card') return cardProvider();
  if (method === 'paypal') {
    if (!paymentConfig().paypal) throw new Error('PayPal is not configured');
    return 'paypal';
  }
  return 'collection';
}

export function methodOfProvider(provider: PaymentProvider): PaymentMethod {
  return provider === 'paypal' ? 'paypal' : provider === 'collection' ? 'collection' : 'card';
}

export function isMethodAvailable(method: PaymentMethod): boolean {
  return method !== 'paypal' || !!paymentConfig().paypal;
}

export function availableMethods(): PaymentMethods {
  const config = paymentConfig();
  const card = cardProvider();
  const methods: PaymentMethodInfo[] = [
    { id: 'card', provider: card, feeMinor: 0, processing: 'instant', testMode: isTestMode(card) },
  ];
  if (config.paypal) {
    methods.push({
      id: 'paypal',
      provider: 'paypal',
      feeMinor: 0,
      processing: 'redirect',
      testMode: isTestMode('paypal'),
    });
  }
  methods.push({
    id: 'collection',
    provider: 'collection',
    feeMinor: 0,
    processing: 'at_collection',
    testMode: false,
  });
  return {
    methods,
    stripePublishableKey: card === 'stripe' ? (config.stripe?.publishableKey ?? null) : null,
    holdMinutes: config.holdMinutes,
  };
}

/** The provider object for a payment's provider (the SDK clients are made once per process). */
export async function providerFor(provider: PaymentProvider): Promise<PaymentGatewayProvider> {
  if (provider === 'sandbox') return sandboxProvider;
  if (provider === 'collection') return collectionProvider;
  const cache = (globalThis.__rtPaymentProviders ??= new Map());
  const cached = cache.get(provider) as PaymentGatewayProvider | undefined;
  if (cached) return cached;
  const config = paymentConfig();
  let made: PaymentGatewayProvider;
  if (provider === 'stripe') {
    if (!config.stripe) throw new Error('Stripe is not configured');
    const { createStripeProvider } = await import('./providers/stripe');
    made = createStripeProvider(config.stripe);
  } else {
    if (!config.paypal) throw new Error('PayPal is not configured');
    const { createPayPalProvider } = await import('./providers/paypal');
    made = createPayPalProvider(config.paypal);
  }
  cache.set(provider, made);
  return made;
}
