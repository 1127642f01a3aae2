/**
 * The built-in sandbox card provider, used for card payments when no Stripe keys are set. It
 * keeps no state of its own: the payment row is the state, moved by `confirmSandboxCard`
 * (features/payments/server/confirm-sandbox-card.ts) with the test cards of sandbox-cards.ts.
 */
import { randomBytes } from 'node:crypto';
import type { PaymentGatewayProvider } from './types';

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

export const sandboxProvider: PaymentGatewayProvider = {
  id: 'sandbox',
  async createIntent() {
    return { providerPaymentId: id('sbx'), status: 'pending' };
  },
  async settle() {
    // nothing to ask: the payment row already holds what the sandbox decided
    return { status: 'pending' };
  },
  async refund() {
    return { providerRefundId: id('sbx_re'), status: 'succeeded' };
  },
};

/** Money taken at the counter (cash or the shop's card terminal), recorded by staff. */
export const collectionProvider: PaymentGatewayProvider = {
  id: 'collection',
  async createIntent() {
    return { providerPaymentId: id('col'), status: 'pending' };
  },
  async settle() {
    return { status: 'pending' };
  },
  async refund() {
    // handed back at the counter
    return { providerRefundId: id('col_re'), status: 'succeeded' };
  },
};
