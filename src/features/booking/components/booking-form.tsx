'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { mutate as refreshSlots } from 'swr';
import { Clock, RotateCcw } from 'lucide-react';
import { readProblem, type ProblemBody } from '@/components/api-problem';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import type { PaymentMethod, PaymentView } from '@/features/payments/schemas';
import { isCaptured } from '@/features/payments';
import {
  getPayment,
  usePaymentMethods,
  summaryFromQuote,
  type StartResult,
} from '@/features/payments/components';
import { apiClients, payOnCollectionInstead, useModelDetail, useQuote } from './queries';
import type { Brand, Category } from '@/features/catalog/schemas';
import type { QuoteDto } from '@/features/pricing/schemas';
import { formatMoney } from '@/features/pricing';
import type { Shop } from '@/features/shops/schemas';
import type { BookingConfirmation } from '../schemas';
import { DeviceSection } from './device-section';
import type { FieldErrors } from './details-section';
import { Section } from './section';
import { newIdempotencyKey, useBookingDraft, type BookingDraft } from './use-booking-draft';
import { useOfflineBooking, type OfflineProblem } from './use-offline-booking';
import type { BookingRequestBody } from './offline-booking';
import { requestOf, validate } from './booking-request';
import type { DamagePhoto } from './damage-photos-section';
import { useRevokeOnUnmount } from './revoke-on-unmount';
import {
  BookingSuccess,
  DamagePhotosSection,
  DetailsSection,
  HeldBookingSummary,
  preloadSteps,
  RepairsSection,
  ServiceSection,
  UnifiedPaymentGateway,
} from './lazy-steps';
import { SavedOfflineBooking } from './saved-offline-booking';
import { OfflineProblemNotice } from './offline-problem-notice';
import { useFunnelSteps } from '@/features/analytics/components';

export function BookingForm({
  categories,
  brands,
  shops,
  initial,
}: {
  categories: Category[];
  brands: Brand[];
  shops: Shop[];
  initial: Partial<BookingDraft>;
}) {
  const t = useTranslations('booking');
  const tPay = useTranslations('payments');
  const format = useFormatter();
  const { draft, update, hydrated, confirmation, complete, startOver } = useBookingDraft(initial);
  const { data: quote, mutate: setQuote } = useQuote(draft);
  // the fresh price the API answered a booking with, when the one shown had expired or changed
  const [priceChanged, setPriceChanged] = useState<QuoteDto | null>(null);
  const { data: gateway, error: gatewayError, mutate: reloadGateway } = usePaymentMethods();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [slotError, setSlotError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [released, setReleased] = useState(false);
  const [slotRefresh, setSlotRefresh] = useState(0);
  const [slotsLoading, setSlotsLoading] = useState(false);
  // the booking just made for an online payment: handlers of the same submit read it before
  // the draft's state update has rendered
  const pendingRef = useRef<BookingConfirmation | null>(null);
  const pending = draft.pending;
  const pendingId = pending?.payment.id ?? null;
  const pendingToken = pending?.booking.trackingToken;
  const { data: modelDetail } = useModelDetail(draft.model);
  // photos of the damage: on this page only, sent after the booking is made (BookingSuccess)
  const [damagePhotos, setDamagePhotos] = useState<DamagePhoto[]>([]);
  useRevokeOnUnmount(damagePhotos);
  useEffect(() => {
    if (typeof window.requestIdleCallback !== 'function') {
      const id = window.setTimeout(preloadSteps, 1000);
      return () => window.clearTimeout(id);
    }
    const id = window.requestIdleCallback(preloadSteps, { timeout: 4000 });
    return () => window.cancelIdleCallback(id);
  }, []);
  const offline = useOfflineBooking({
    draft,
    update,
    hydrated,
    blocked: !!confirmation || !!pending,
    complete,
    onProblem: (p: OfflineProblem) => {
      showProblem(p.problem);
      // what the slots looked like may be older than the answer: load them afresh
      if (p.kind === 'slot-taken') void refreshSlots((key) => Array.isArray(key) && key[0] === 'slots');
      // back at the step to change: the slot, or the price at the payment step
      const target = p.kind === 'slot-taken' ? 'service-title' : 'payment-title';
      window.setTimeout(() => document.getElementById(target)?.scrollIntoView({ block: 'start' }), 0);
    },
  });

  // the booking funnel for analytics: each step once, when the form's state first reaches it
  const funnelStep = useFunnelSteps({
    start: hydrated,
    device: hydrated && !!draft.model,
    repairs: hydrated && draft.repairs.length > 0,
    service: hydrated && draft.repairs.length > 0 && (draft.serviceType === 'mail_in' || !!draft.slot),
    details: hydrated && draft.repairs.length > 0 && Object.keys(validate(draft, t)).length === 0,
    booked: !!confirmation,
  });

  // Back on the page with a booking waiting for its payment (a reload, a bank's redirect, the
  // back button): ask where the payment stands; a paid one completes the booking.
  useEffect(() => {
    if (!hydrated || !pendingId) return;
    let stale = false;
    void getPayment(pendingId, pendingToken).then((res) => {
      if (stale || !res.ok) return;
      const booking = pendingRef.current ?? draft.pending?.booking;
      if (!booking) return;
      if (isCaptured(res.payment.status)) {
        complete({ ...booking, payment: res.payment, paymentHoldUntil: null });
        return;
      }
      update({ pending: { booking, payment: res.payment } });
      // the hold ran out while the customer was away: the booking was released
      const holdUntil = booking.paymentHoldUntil ? Date.parse(booking.paymentHoldUntil) : null;
      if (res.payment.status === 'failed' && holdUntil !== null && holdUntil < Date.now()) {
        setReleased(true);
      }
    });
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per pending payment
  }, [hydrated, pendingId]);

  if (confirmation) {
    return (
      <BookingSuccess
        booking={confirmation}
        photos={damagePhotos}
        onStartOver={() => {
          setDamagePhotos([]);
          startOver();
        }}
      />
    );
  }
  if (offline.waiting) {
    return (
      <SavedOfflineBooking
        item={offline.waiting}
        draft={draft}
        shops={shops}
        quote={quote}
        onCancel={offline.cancel}
        onSendNow={offline.sendNow}
      />
    );
  }

  const disabled = !hydrated || creating;
  const ready = !!draft.model && draft.repairs.length > 0;

  const currentBooking = () => pendingRef.current ?? pending?.booking ?? null;

  function beforeSubmit(): boolean {
    setFormError(null);
    setSlotError(null);
    funnelStep('submit');
    if (pending) return true; // the booking exists: only the payment is left
    const found = validate(draft, t);
    setErrors(found);
    if (draft.serviceType === 'drop_off' && !draft.slot) {
      setSlotError(t('errors.slot'));
      document.getElementById('service-title')?.scrollIntoView({ block: 'start' });
      return false;
    }
    if (Object.keys(found).length > 0) {
      document.getElementById(Object.keys(found)[0]!)?.focus();
      return false;
    }
    return true;
  }

  function showProblem(problem: ProblemBody) {
    const fieldErrors: FieldErrors = {};
    for (const fe of problem.errors ?? []) {
      if (fe.path === 'customer.name') fieldErrors.name = fe.message;
      else if (fe.path === 'customer.email') fieldErrors.email = fe.message;
      else if (fe.path === 'customer.phone') fieldErrors.phone = fe.message;
      else if (fe.path.startsWith('service')) setSlotError(fe.message);
      else setFormError(fe.message);
    }
    setErrors(fieldErrors);
    if ((problem.code === 'QUOTE_EXPIRED' || problem.code === 'QUOTE_CHANGED') && problem.quote) {
      // show the fresh price; booking again (the same button) accepts it
      const fresh = problem.quote as unknown as QuoteDto;
      setPriceChanged(fresh);
      void setQuote(fresh, { revalidate: false });
      return;
    }
    if (problem.code === 'SLOT_FULL' || problem.code === 'SLOT_UNAVAILABLE') {
      update({ slot: null, idempotencyKey: newIdempotencyKey() });
      setSlotRefresh((n) => n + 1);
    } else if (problem.code === 'IDEMPOTENCY_MISMATCH') {
      update({ idempotencyKey: newIdempotencyKey() });
      setFormError(t('errors.retry'));
    } else if (problem.code === 'RATE_LIMITED') {
      setFormError(t('errors.tooMany'));
    } else if (!problem.errors?.length) {
      setFormError(problem.detail);
    }
  }

  /** Books the repair: done for pay on collection; for card or PayPal, the payment to complete. */
  /** Keeps the finished booking on this device, to be sent once the connection is back. */
  async function keepOffline(body: BookingRequestBody): Promise<StartResult> {
    const device = modelDetail ? `${modelDetail.brandName} ${modelDetail.name}` : draft.model!;
    const repairs = (quote?.lines ?? []).map((l) => l.repairName).join(', ');
    await offline.save(body, repairs ? t('offline.label', { device, repairs }) : device);
    window.scrollTo({ top: 0 });
    return { kind: 'done' };
  }

  /** Books the repair: done for pay on collection; for card or PayPal, the payment to complete. */
  async function start(method: PaymentMethod): Promise<StartResult> {
    setCreating(true);
    setPriceChanged(null);
    const body = requestOf(draft, method, quote);
    // offline, a pay-on-collection booking waits on this device; an online payment cannot
    const canWait = method === 'collection' && typeof indexedDB !== 'undefined';
    try {
      if (!navigator.onLine) {
        if (canWait) return await keepOffline(body);
        setFormError(t('offline.payOnline'));
        return { kind: 'failed' };
      }
      let res;
      try {
        const { bookingClient } = await apiClients();
        res = await bookingClient.bookings.$post({
          header: { 'idempotency-key': draft.idempotencyKey },
          json: body,
        });
      } catch (error) {
        // no answer at all (the network went away): keep it, as when offline
        if (canWait) return await keepOffline(body);
        throw error;
      }
      if (!res.ok) {
        showProblem(await readProblem(res as unknown as Response));
        return { kind: 'failed' };
      }
      const booking = (await res.json()) as BookingConfirmation;
      if (!booking.payment) {
        complete(booking);
        // a booking kept on this device before (its slot was taken) is replaced by this one
        void offline.replaced();
        window.scrollTo({ top: 0 });
        return { kind: 'done' };
      }
      pendingRef.current = booking;
      update({ pending: { booking, payment: booking.payment } });
      void offline.replaced();
      return { kind: 'payment', payment: booking.payment, token: booking.trackingToken };
    } catch {
      setFormError(t('errors.network'));
      return { kind: 'failed' };
    } finally {
      setCreating(false);
    }
  }

  function finish(changes: Partial<BookingConfirmation>) {
    const booking = currentBooking();
    if (!booking) return;
    complete({ ...booking, ...changes });
    window.scrollTo({ top: 0 });
  }

  function bookAgain() {
    pendingRef.current = null;
    setReleased(false);
    setFormError(null);
    update({ pending: null, slot: null, idempotencyKey: newIdempotencyKey() });
    setSlotRefresh((n) => n + 1);
  }

  // a booking with an online payment keeps that method (or switches to pay on collection)
  const methods = (gateway?.methods ?? []).filter(
    (m) => !pending || m.id === pending.payment.method || m.id === 'collection',
  );
  const method = methods.some((m) => m.id === draft.payment)
    ? draft.payment
    : (methods.find((m) => m.id === 'collection')?.id ?? methods[0]?.id ?? null);
  const shownQuote = pending?.booking.quote ?? quote;
  const online = method === 'card' || method === 'paypal';
  const holdUntil = pending?.booking.paymentHoldUntil;
  const tz = pending?.booking.service.shop?.timeZone ?? 'Europe/London';

  const priceNotice = priceChanged ? (
    <p
      role="alert"
      className="rounded-xl border border-amber-300 bg-amber-50 p-3 text-amber-950"
      data-testid="price-changed"
    >
      {t('priceChanged', { price: formatMoney(priceChanged.totalMinor, priceChanged.currency) })}
    </p>
  ) : null;

  const notice = released ? (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-300 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-slate-800">{tPay('releasedLead')}</p>
      <Button variant="secondary" onClick={bookAgain} className="shrink-0" data-testid="book-again">
        <RotateCcw className="size-4" aria-hidden /> {tPay('released')}
      </Button>
    </div>
  ) : online && (pending || draft.serviceType === 'drop_off') ? (
    <p
      className="flex items-start gap-2 rounded-xl border border-sky-200 bg-sky-50 p-3 text-sky-950"
      data-testid="payment-hold"
    >
      <Clock className="mt-0.5 size-4 shrink-0" aria-hidden />
      {pending && holdUntil
        ? tPay('heldUntil', {
            reference: pending.booking.reference,
            time: format.dateTime(new Date(holdUntil), { timeStyle: 'short', timeZone: tz }),
          })
        : pending
          ? tPay('awaitingPayment', { reference: pending.booking.reference })
          : tPay('holdNotice', { minutes: gateway?.holdMinutes ?? 15 })}
    </p>
  ) : null;

  return (
    <div className="space-y-6" aria-busy={!hydrated}>
      {offline.problem ? (
        <OfflineProblemNotice kind={offline.problem.kind} onDiscard={() => void offline.cancel()} />
      ) : null}
      {pending ? (
        <HeldBookingSummary booking={pending.booking} />
      ) : (
        <>
          <DeviceSection
            categories={categories}
            brands={brands}
            draft={draft}
            update={update}
            disabled={disabled}
          />
          {draft.brand && draft.model ? (
            <RepairsSection draft={draft} update={update} disabled={disabled} />
          ) : null}
          {ready ? (
            <>
              <ServiceSection
                shops={shops}
                draft={draft}
                update={update}
                disabled={disabled}
                slotError={slotError}
                refreshKey={slotRefresh}
                onSlotsLoading={setSlotsLoading}
              />
              <DetailsSection draft={draft} update={update} disabled={disabled} errors={errors} />
              <DamagePhotosSection
                step={6}
                photos={damagePhotos}
                onChange={setDamagePhotos}
                disabled={disabled}
              />
            </>
          ) : null}
        </>
      )}
      {ready || pending ? (
        <Section id="payment" step={pending ? 2 : 7} title={t('paymentTitle')}>
          {gateway && shownQuote ? (
            <UnifiedPaymentGateway
              methods={methods}
              stripePublishableKey={gateway.stripePublishableKey}
              method={method}
              onMethodChange={(m) => update({ payment: m })}
              summary={summaryFromQuote(shownQuote)}
              amountMinor={pending?.payment.amountMinor ?? shownQuote.totalMinor}
              currency={shownQuote.currency}
              token={pendingToken}
              payment={pending?.payment ?? null}
              onPaymentChange={(payment: PaymentView) => {
                const booking = currentBooking();
                if (booking) update({ pending: { booking, payment } });
              }}
              beforeSubmit={beforeSubmit}
              start={start}
              onPaid={(payment) => finish({ payment, paymentHoldUntil: null })}
              payOnCollectionInstead={payOnCollectionInstead}
              onCollection={() =>
                finish({ paymentMethod: 'collection', payment: null, paymentHoldUntil: null })
              }
              onConflict={(problem) => {
                if (problem.code === 'BOOKING_RELEASED') setReleased(true);
              }}
              returnTo="/book-repair"
              purpose="booking"
              notice={
                priceNotice && notice ? (
                  <>
                    {priceNotice}
                    {notice}
                  </>
                ) : (
                  (priceNotice ?? notice)
                )
              }
              error={formError ?? errors.payment}
              disabled={!hydrated || creating}
              // the earliest free slot is preselected once the slots load: wait for it
              submitDisabled={
                released || (!pending && draft.serviceType === 'drop_off' && !draft.slot && slotsLoading)
              }
              idPrefix="booking-pay"
            />
          ) : gatewayError ? (
            <div role="alert" className="space-y-3">
              <p className="font-medium text-red-800">{t('paymentLoadError')}</p>
              <Button variant="secondary" onClick={() => void reloadGateway()}>
                {t('retry')}
              </Button>
            </div>
          ) : (
            <div role="status" aria-live="polite">
              <span className="sr-only">{t('paymentLoading')}</span>
              <Skeleton className="h-48" />
            </div>
          )}
        </Section>
      ) : null}
    </div>
  );
}
