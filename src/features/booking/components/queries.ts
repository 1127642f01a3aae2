'use client';
import useSWR from 'swr';
import { readProblem, type ProblemBody } from '@/components/api-problem';
import { attemptPayment } from '@/features/payments/components';
import type { QuoteDto } from '@/features/pricing/schemas';
import type { ManageBooking } from '../schemas';
import type { BookingDraft } from './use-booking-draft';

/** The API clients, fetched with the first request (./api-clients.ts). */
export const apiClients = () => import('./api-clients');

type Success<R> = Extract<R, { ok: true }> extends { json(): Promise<infer T> } ? T : never;

/** The typed body of a 2xx answer; otherwise throws with the problem's detail. */
async function ok<R extends { ok: boolean; json(): Promise<unknown> }>(res: R): Promise<Success<R>> {
  if (!res.ok) throw new Error((await readProblem(res as unknown as Response)).detail);
  return (await res.json()) as Success<R>;
}

/** Models of a brand (optionally one category), for the model picker. */
export function useModels(brand: string, category: string | null) {
  return useSWR(['models', brand, category ?? ''], async () => {
    const { catalogClient } = await apiClients();
    const res = await catalogClient.catalog.models.$get({
      query: { brand, category: category ?? undefined, limit: '200' },
    });
    return (await ok(res)).items;
  });
}

/** One model with its repairs (nothing while `slug` is null). */
export function useModelDetail(slug: string | null) {
  return useSWR(slug ? ['model', slug] : null, async ([, s]: readonly [string, string]) => {
    const { catalogClient } = await apiClients();
    return ok(await catalogClient.catalog.models[':slug'].$get({ param: { slug: s } }));
  });
}

/**
 * The live price for the current choice. Used by the repairs section and the submit bar;
 * SWR shares one request between them, and keeps the previous price on screen while the
 * next one loads.
 */
export function useQuote(draft: BookingDraft) {
  const shopSlug = draft.serviceType === 'drop_off' ? (draft.shop ?? undefined) : undefined;
  const key =
    draft.model && draft.repairs.length > 0
      ? (['quote', draft.model, draft.repairs.join(','), draft.urgency, shopSlug ?? ''] as const)
      : null;
  return useSWR(
    key,
    async ([, modelSlug, repairs, urgency, shop]) => {
      const { pricingClient } = await apiClients();
      const res = await pricingClient.pricing.quote.$post({
        json: { modelSlug, repairSlugs: repairs.split(','), urgency, shopSlug: shop || undefined },
      });
      return (await ok(res)) as QuoteDto;
    },
    { keepPreviousData: true },
  );
}

export function useSlots(shop: string, refreshKey: number) {
  return useSWR(['slots', shop, refreshKey], async () => {
    const { shopsClient } = await apiClients();
    const res = await shopsClient.shops[':slug'].slots.$get({ param: { slug: shop } });
    return (await ok(res)).items;
  });
}

/** A booking behind its signed manage link; the page passes the server-rendered copy as fallback. */
export function useManageBooking(reference: string, sig: string, fallbackData: ManageBooking) {
  return useSWR(
    ['manage', reference, sig],
    async () => {
      const { bookingClient } = await apiClients();
      return (await ok(
        await bookingClient.bookings[':reference'].manage.$get({ param: { reference }, query: { sig } }),
      )) as ManageBooking;
    },
    { fallbackData, revalidateOnFocus: false, revalidateOnMount: false },
  );
}

export type ManageResult = { ok: true; booking: ManageBooking } | { ok: false; problem: ProblemBody };

async function manageResult(res: Response): Promise<ManageResult> {
  if (!res.ok) return { ok: false, problem: await readProblem(res) };
  return { ok: true, booking: (await res.json()) as ManageBooking };
}

export async function cancelBookingRequest(reference: string, sig: string): Promise<ManageResult> {
  const { bookingClient } = await apiClients();
  const res = await bookingClient.bookings[':reference'].cancel.$post({
    param: { reference },
    json: { sig },
  });
  return manageResult(res as unknown as Response);
}

export async function rescheduleBookingRequest(
  reference: string,
  sig: string,
  slotStartsAt: string,
): Promise<ManageResult> {
  const { bookingClient } = await apiClients();
  const res = await bookingClient.bookings[':reference'].reschedule.$post({
    param: { reference },
    json: { sig, slotStartsAt },
  });
  return manageResult(res as unknown as Response);
}

/** The customer keeps the booking and pays on collection instead of the open online payment. */
export function payOnCollectionInstead(paymentId: string, token: string | undefined) {
  return attemptPayment(async () =>
    (await apiClients()).bookingClient.payments[':id']['pay-on-collection'].$post({
      param: { id: paymentId },
      json: { token },
    }),
  );
}
