'use client';
/**
 * What the /pay/return page needs after a redirect to PayPal or a bank (Stripe): the tracking
 * token that lets a guest settle the payment, and where to send the customer next. Kept per
 * payment in sessionStorage (this tab only, gone when it closes), written just before leaving.
 */
const KEY = 'rt-pay-return-v1';

export interface PayContext {
  token?: string;
  /** the page to go back to (the booking form, a repair's page) */
  returnTo: string;
  purpose: 'booking' | 'balance';
}

function readAll(): Record<string, PayContext> {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Record<string, PayContext>) : {};
  } catch {
    return {};
  }
}

export function savePayContext(paymentId: string, context: PayContext) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...readAll(), [paymentId]: context }));
  } catch {
    /* storage unavailable: the return page falls back to the signed-in owner */
  }
}

export function readPayContext(paymentId: string): PayContext | null {
  return readAll()[paymentId] ?? null;
}
