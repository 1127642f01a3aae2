'use client';
/**
 * Card payments through Stripe (used only when the shop set Stripe keys): the Payment Element
 * in deferred-intent mode. It is mounted before any payment exists; on submit the gateway calls
 * `submit()` (Stripe validates the fields first, as its docs require), then creates the booking
 * or balance payment on our server, then `confirm()` with that payment's client secret.
 * Stripe.js loads only here (`@stripe/stripe-js/pure`), never on pages that do not take cards.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { Skeleton } from '@/components/ui/skeleton';

export interface StripeCardHandle {
  /** validates the Payment Element; an error message, or null when it may go ahead */
  submit(): Promise<string | null>;
  /** confirms the PaymentIntent; `redirect: 'if_required'` leaves the page only for redirect methods */
  confirm(clientSecret: string, returnUrl: string): Promise<{ error: string | null }>;
}

export function StripeCardForm({
  publishableKey,
  amountMinor,
  currency,
  handleRef,
}: {
  publishableKey: string;
  amountMinor: number;
  currency: string;
  handleRef: Ref<StripeCardHandle>;
}) {
  const t = useTranslations('payments.card');
  const mountPoint = useRef<HTMLDivElement>(null);
  const stripe = useRef<Stripe | null>(null);
  const elements = useRef<StripeElements | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  // the amount only labels wallets and picks the methods shown; the server sets the charge
  const initialAmount = useRef(amountMinor);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const { loadStripe } = await import('@stripe/stripe-js/pure');
        const s = await loadStripe(publishableKey);
        if (cancelled) return;
        if (!s || !mountPoint.current) throw new Error('Stripe.js did not load');
        const els = s.elements({
          mode: 'payment',
          amount: initialAmount.current,
          currency: currency.toLowerCase(),
        });
        const element = els.create('payment', { layout: 'tabs' });
        element.on('ready', () => !cancelled && setState('ready'));
        element.on('loaderror', () => !cancelled && setState('error'));
        element.mount(mountPoint.current);
        stripe.current = s;
        elements.current = els;
      } catch {
        if (!cancelled) setState('error');
      }
    })();
    return () => {
      cancelled = true;
      elements.current?.getElement('payment')?.destroy();
      elements.current = null;
    };
  }, [publishableKey, currency]);

  useEffect(() => {
    elements.current?.update({ amount: amountMinor });
  }, [amountMinor]);

  useImperativeHandle(
    handleRef,
    () => ({
      async submit() {
        if (!elements.current) return t('stripeUnavailable');
        const { error } = await elements.current.submit();
        return error ? (error.message ?? t('stripeInvalid')) : null;
      },
      async confirm(clientSecret, returnUrl) {
        if (!stripe.current || !elements.current) return { error: t('stripeUnavailable') };
        const { error } = await stripe.current.confirmPayment({
          elements: elements.current,
          clientSecret,
          confirmParams: { return_url: returnUrl },
          redirect: 'if_required',
        });
        return { error: error ? (error.message ?? t('declined')) : null };
      },
    }),
    [t],
  );

  return (
    <div data-testid="stripe-card-form">
      {state === 'loading' ? <Skeleton className="h-40" /> : null}
      {state === 'error' ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-800">
          {t('stripeUnavailable')}
        </p>
      ) : null}
      <div ref={mountPoint} className={state === 'ready' ? undefined : 'h-0 overflow-hidden'} />
    </div>
  );
}
