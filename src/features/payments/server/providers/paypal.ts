import type { PayPalConfig } from '../config';
import type { PaymentGatewayProvider } from './types';

/** PayPal through its official SDK (being written: see the payments issue). */
export function createPayPalProvider(_config: PayPalConfig): PaymentGatewayProvider {
  throw new Error('PayPal is not wired up yet');
}
