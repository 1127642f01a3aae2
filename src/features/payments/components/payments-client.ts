'use client';
/**
 * The payments API as client components use it: the methods on offer, one payment's steps
 * (sandbox card, its extra confirmation, settle after Stripe/PayPal, switch to pay on
 * collection) and an order's payments. Each step answers `{ ok, payment }` or the problem,
 * so callers can show field errors, a decline or a conflict as they see fit.
 */
import useSWR from 'swr';
import { readProblem, type ProblemBody } from '@/components/api-problem';
import type { paymentsClient } from './api-client';
import type { OrderPayments, PaymentMethods, PaymentView } from '../schemas';

/**
 * Hono's typed client (and the routes' types) fetched with the first request, not in the first
 * load of the pages that may pay (docs/benchmarks.md, "Pages on a phone").
 */
const client = (): Promise<typeof paymentsClient> => import('./api-client').then((m) => m.paymentsClient);

export type PaymentResult = { ok: true; payment: PaymentView } | { ok: false; problem: ProblemBody };

/** How an order is reached: signed in as its owner, or through its tracking link. */
export type OrderSource =
  { kind: 'account'; reference: string } | { kind: 'track'; reference: string; token: string };

async function result(res: Response): Promise<PaymentResult> {
  if (!res.ok) return { ok: false, problem: await readProblem(res) };
  return { ok: true, payment: (await res.json()) as PaymentView };
}

const network = (): PaymentResult => ({
  ok: false,
  problem: { status: 0, code: 'NETWORK', detail: '' },
});

/** Runs a request; a network failure becomes a problem with code NETWORK (status 0). */
export async function attempt(send: () => Promise<unknown>): Promise<PaymentResult> {
  try {
    return await result((await send()) as Response);
  } catch {
    return network();
  }
}

export function usePaymentMethods() {
  return useSWR(
    ['payment-methods'],
    async () => {
      const res = await (await client()).payments.methods.$get();
      if (!res.ok) throw new Error((await readProblem(res as unknown as Response)).detail);
      return (await res.json()) as PaymentMethods;
    },
    { revalidateOnFocus: false },
  );
}

export interface CardDetails {
  cardNumber: string;
  expiry?: string;
  cvc?: string;
}

export function payWithSandboxCard(id: string, token: string | undefined, card: CardDetails) {
  return attempt(async () =>
    (await client()).payments[':id'].card.$post({ param: { id }, json: { token, ...card } }),
  );
}

export function authenticateSandbox(id: string, token: string | undefined, approve: boolean) {
  return attempt(async () =>
    (await client()).payments[':id'].authenticate.$post({ param: { id }, json: { token, approve } }),
  );
}

export function syncPayment(id: string, token: string | undefined) {
  return attempt(async () => (await client()).payments[':id'].sync.$post({ param: { id }, json: { token } }));
}

export function getPayment(id: string, token: string | undefined) {
  return attempt(async () => (await client()).payments[':id'].$get({ param: { id }, query: { token } }));
}

/** Starts paying what is due on an order (the server works out the amount). */
export function startBalancePayment(source: OrderSource, method: 'card' | 'paypal') {
  const param = { reference: source.reference };
  return attempt(async () =>
    source.kind === 'track'
      ? (await client()).track[':reference'].payments.$post({
          param,
          header: {},
          json: { token: source.token, method },
        })
      : (await client()).account.repairs[':reference'].payments.$post({
          param,
          header: {},
          json: { method },
        }),
  );
}

export const orderPaymentsKey = (source: OrderSource) =>
  ['order-payments', source.kind, source.reference, source.kind === 'track' ? source.token : null] as const;

export function useOrderPayments(source: OrderSource, fallbackData: OrderPayments) {
  return useSWR(
    orderPaymentsKey(source),
    async () => {
      const param = { reference: source.reference };
      const res =
        source.kind === 'track'
          ? await (
              await client()
            ).track[':reference'].payments.$get({ param, query: { token: source.token } })
          : await (await client()).account.repairs[':reference'].payments.$get({ param });
      if (!res.ok) throw new Error((await readProblem(res as unknown as Response)).detail);
      return (await res.json()) as OrderPayments;
    },
    { fallbackData, revalidateOnMount: false },
  );
}

/** The receipt (invoice PDF) of a paid payment; guests need the tracking token. */
export function receiptUrl(invoiceId: string, token?: string): string {
  const base = `/api/invoices/${encodeURIComponent(invoiceId)}/pdf`;
  return token ? `${base}?token=${encodeURIComponent(token)}` : base;
}
