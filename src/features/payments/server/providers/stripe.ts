import type { StripeConfig } from '../config';
import type { PaymentGatewayProvider } from './types';

/** Stripe through its official SDK (being written: see the payments issue). */
export function createStripeProvider(_config: StripeConfig): PaymentGatewayProvider {
  throw new Error('Stripe is not wired up yet');
}
