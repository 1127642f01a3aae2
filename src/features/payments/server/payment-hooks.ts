/**
 * What other domains do once a payment's money has been captured (after the commit): the
 * booking domain sends the confirmation it held back while the customer paid. Payments knows no
 * booking: the entry registers the hooks (src/server/entry/hooks.ts).
 */
import type { Db } from '@/server/db/runtime';
import { logger } from '@/server/logger';
import type { LoadedOrder } from '@/features/repairs/server';
import type { PaymentRow } from './ledger';

export interface CapturedPayment {
  db: Db;
  payment: PaymentRow;
  loaded: LoadedOrder;
  /** the base URL for links in e-mails */
  baseUrl: string;
}

export type PaymentCapturedHook = (event: CapturedPayment) => Promise<void>;

declare global {
  // one set per process: Next's bundle and the server's own modules share it
  var __rtPaymentCapturedHooks: Set<PaymentCapturedHook> | undefined;
}

/** Registers a hook (once: registering the same function again changes nothing). */
export function onPaymentCaptured(hook: PaymentCapturedHook): void {
  (globalThis.__rtPaymentCapturedHooks ??= new Set()).add(hook);
}

/** Runs every hook in turn; a failing one is logged and does not stop the others. */
export async function runPaymentCapturedHooks(event: CapturedPayment): Promise<void> {
  for (const hook of globalThis.__rtPaymentCapturedHooks ?? []) {
    await hook(event).catch((err: unknown) =>
      logger.error({ err, paymentId: event.payment.id }, 'a payment-captured hook failed'),
    );
  }
}
