/** Helpers shared by the staff payments panel and its dialogs. */
import { useSyncExternalStore } from 'react';
import { type ProblemBody } from '@/components/api-problem';
import type { StaffPaymentView } from '../schemas';
import { isCaptured } from '../state';

/** SWR key of an order's payments: revalidate it with `mutate(staffPaymentsKey(id))`. */
export const staffPaymentsKey = (orderId: string) => ['staff-payments', orderId] as const;

/**
 * Timeline events after which the payments (or the balance) may have changed: a payment, an
 * approved quote (the agreed total), a status change (nothing is taken for a cancelled repair).
 */
export const LIVE_TYPES = [
  'payment_received',
  'payment_refunded',
  'payment_failed',
  'quote_approved',
  'status_changed',
] as const;

export const STATUS_TONE: Record<StaffPaymentView['status'], string> = {
  pending: 'bg-amber-100 text-amber-900',
  requires_action: 'bg-amber-100 text-amber-900',
  succeeded: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
  refunded: 'bg-slate-200 text-slate-800',
  partially_refunded: 'bg-sky-100 text-sky-900',
};

/** What is left to refund: captured, less refunded, less refunds still waiting for the provider. */
export function refundableMinor(p: StaffPaymentView): number {
  if (!isCaptured(p.status)) return 0;
  const pending = p.refunds.filter((r) => r.status === 'pending').reduce((s, r) => s + r.amountMinor, 0);
  return Math.max(0, p.amountMinor - p.refundedMinor - pending);
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; a shop's LAN may not be one). */
export function newKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export type Counter = 'cash' | 'terminal' | null;
/** Counter payments store what was taken as their method detail ("Cash" / "Card terminal"). */
export function counterKind(p: StaffPaymentView): Counter {
  if (p.provider !== 'collection') return null;
  if (p.methodDetail === 'Cash') return 'cash';
  if (p.methodDetail === 'Card terminal') return 'terminal';
  return null;
}

export const WIDE = '(min-width: 768px)';
export function subscribeWide(onChange: () => void) {
  const mq = window.matchMedia(WIDE);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}
/** A table where there is room for one, a stacked list on phones (one markup at a time). */
export function useWide(): boolean {
  return useSyncExternalStore(
    subscribeWide,
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
}

export type Fields = Partial<Record<'amountMinor' | 'reason' | 'kind', string>>;
export function fieldErrors(problem: ProblemBody): Fields {
  const out: Fields = {};
  for (const e of problem.errors ?? []) {
    const key = e.path as keyof Fields;
    out[key] ??= e.message;
  }
  return out;
}

/**
 * The staff order page's payments: the balance (total, VAT, paid, due), every payment with its
 * status, refunds and invoice, money taken at the counter ("Record payment") and refunds by the
 * shop's managers and admins. The server decides who may do what (`canRecord`, `canRefund`)
 * and checks every amount again; the panel refreshes when the order's live stream reports a
 * payment event.
 */
