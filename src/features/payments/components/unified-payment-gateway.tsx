'use client';
/**
 * One gateway for every way of paying: the method selector, the payment summary, the chosen
 * method's form (sandbox card, Stripe's Payment Element, PayPal's redirect, pay on collection)
 * and ONE submit button (`submit-payment`). The caller owns what is being paid for: `start`
 * creates the booking or balance payment on the server (which sets the amount), and the open
 * attempt is handed back through `payment`/`onPaymentChange`, so a retry after a decline pays
 * the same payment, never a second one.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { AlertCircle, Info, Lock } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { formatMoney } from '@/features/pricing';
import type { ProblemBody } from '@/components/api-problem';
import type { PaymentMethod, PaymentMethodInfo, PaymentView } from '../schemas';
import { isCaptured } from '../state';
import { AuthenticateDialog } from './authenticate-dialog';
import { cardDigits } from './card-format';
import { savePayContext } from './pay-context';
import { PaymentMethodSelector } from './payment-method-selector';
import { PaymentSummary, type PaymentSummaryData } from './payment-summary';
import { authenticateSandbox, payWithSandboxCard, syncPayment, type PaymentResult } from './payments-client';
import {
  emptyCard,
  SandboxCardForm,
  type CardErrors,
  type CardField,
  type CardFormValue,
} from './sandbox-card-form';
import { StripeCardForm, type StripeCardHandle } from './stripe-card-form';

export type StartResult =
  | { kind: 'payment'; payment: PaymentView; token?: string }
  /** nothing left to pay online (booked to pay on collection) */
  | { kind: 'done' }
  /** the caller showed why it could not start */
  | { kind: 'failed' };

export interface UnifiedPaymentGatewayProps {
  /** the methods on offer here (from GET /api/payments/methods, filtered by the caller) */
  methods: PaymentMethodInfo[];
  stripePublishableKey: string | null;
  method: PaymentMethod | null;
  onMethodChange: (method: PaymentMethod) => void;
  /** the figures beside the form (omit when the page shows them already) */
  summary?: PaymentSummaryData;
  /** the amount the button names: the open payment's, else what is due (display only) */
  amountMinor: number;
  currency: string;
  /** the tracking token of a guest's order (signed-in owners need none) */
  token?: string;
  /** the open attempt, kept by the caller (e.g. in the booking draft) */
  payment: PaymentView | null;
  onPaymentChange: (payment: PaymentView) => void;
  /** checks the caller's own fields first; false stops the submit */
  beforeSubmit?: () => boolean;
  /** creates the booking or the balance payment on the server */
  start: (method: PaymentMethod) => Promise<StartResult>;
  onPaid: (payment: PaymentView) => void;
  /**
   * Switches an open online payment to pay on collection (a booking's, through the booking
   * domain's route); without it, collection cannot replace an open attempt
   */
  payOnCollectionInstead?: (paymentId: string, token: string | undefined) => Promise<PaymentResult>;
  /** the booking now stands as pay on collection (after an online attempt) */
  onCollection?: (payment: PaymentView) => void;
  /** a pay step answered 409 (e.g. the booking was released): the caller may offer a restart */
  onConflict?: (problem: ProblemBody) => void;
  /** where /pay/return leads back to after PayPal or a bank's redirect */
  returnTo: string;
  purpose: 'booking' | 'balance';
  /** shown above the button, e.g. the slot hold */
  notice?: ReactNode;
  /** the caller's own error (e.g. from creating the booking) */
  error?: ReactNode;
  disabled?: boolean;
  /** only the submit button waits (e.g. for something the caller still loads) */
  submitDisabled?: boolean;
  idPrefix: string;
}

type Busy = null | 'submit' | 'collection';

const CARD_FIELDS: CardField[] = ['cardNumber', 'expiry', 'cvc'];

export function UnifiedPaymentGateway(props: UnifiedPaymentGatewayProps) {
  const {
    methods,
    stripePublishableKey,
    method,
    summary,
    amountMinor,
    currency,
    payment,
    purpose,
    disabled,
    idPrefix,
  } = props;
  const t = useTranslations('payments');
  const [card, setCard] = useState<CardFormValue>(emptyCard);
  const [cardErrors, setCardErrors] = useState<CardErrors>({});
  const [decline, setDecline] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [auth, setAuth] = useState<{ payment: PaymentView; token?: string } | null>(null);
  const [authBusy, setAuthBusy] = useState<'approve' | 'deny' | null>(null);
  const numberRef = useRef<HTMLInputElement>(null);
  // where focus goes once the form is enabled again (the inputs are disabled while paying, and
  // a disabled input cannot take focus): the card number after a decline, the first bad field
  const [focusRequest, setFocusRequest] = useState<{ id: string | null; n: number }>({ id: null, n: 0 });
  useEffect(() => {
    if (busy !== null || !focusRequest.id) return;
    const el = focusRequest.id === 'number' ? numberRef.current : document.getElementById(focusRequest.id);
    el?.focus();
  }, [busy, focusRequest]);
  // set synchronously: a second click before React re-renders must not pay twice
  const inFlight = useRef(false);
  const stripeRef = useRef<StripeCardHandle>(null);
  const cardMethod = methods.find((m) => m.id === 'card');
  const useStripe = cardMethod?.provider === 'stripe' && !!stripePublishableKey;
  const money = formatMoney(amountMinor, currency);
  const canSwitchToCollection =
    !!props.onCollection && purpose === 'booking' && methods.some((m) => m.id === 'collection');

  function clearMessages() {
    setDecline(null);
    setError(null);
    setInfo(null);
  }

  /** The open attempt for this method, if the caller holds one. */
  function openPayment(m: PaymentMethod): PaymentView | null {
    return payment && payment.method === m ? payment : null;
  }

  async function ensurePayment(m: PaymentMethod): Promise<{ payment: PaymentView; token?: string } | null> {
    const open = openPayment(m);
    if (open) return { payment: open, token: props.token };
    const started = await props.start(m);
    if (started.kind !== 'payment') return null;
    return { payment: started.payment, token: started.token ?? props.token };
  }

  function declined(detail: string, p: PaymentView) {
    props.onPaymentChange({ ...p, status: 'failed', failureMessage: detail });
    setDecline(detail || t('declined'));
    setCard((c) => ({ ...c, number: '' }));
    // once the form is enabled again: the customer types another card straight away
    setFocusRequest((r) => ({ id: 'number', n: r.n + 1 }));
  }

  /** The answer of a card, authentication or sync step. */
  function settle(result: PaymentResult, p: PaymentView, token: string | undefined) {
    if (result.ok) {
      const view = result.payment;
      props.onPaymentChange(view);
      if (isCaptured(view.status)) props.onPaid(view);
      else if (view.status === 'requires_action') setAuth({ payment: view, token });
      else if (view.status === 'failed') declined(view.failureMessage ?? t('declined'), view);
      else setInfo(t('processingNotice'));
      return;
    }
    const { problem } = result;
    if (problem.status === 402) return declined(problem.detail, p);
    if (problem.status === 422 && problem.errors?.length) {
      const next: CardErrors = {};
      for (const fe of problem.errors) {
        if ((CARD_FIELDS as string[]).includes(fe.path)) next[fe.path as CardField] = fe.message;
      }
      if (Object.keys(next).length > 0) {
        setCardErrors(next);
        const first = CARD_FIELDS.find((f) => next[f]);
        setFocusRequest((r) => ({ id: `${idPrefix}-${first}`, n: r.n + 1 }));
        return;
      }
    }
    if (problem.status === 409) props.onConflict?.(problem);
    setError(problem.code === 'NETWORK' ? t('networkError') : problem.detail || t('genericError'));
  }

  async function payBySandboxCard() {
    if (!cardDigits(card.number)) {
      setCardErrors({ cardNumber: t('card.numberRequired') });
      numberRef.current?.focus();
      return;
    }
    const target = await ensurePayment('card');
    if (!target) return;
    const { payment: p, token } = target;
    if (isCaptured(p.status)) return props.onPaid(p);
    if (p.status === 'requires_action') return setAuth({ payment: p, token });
    const result = await payWithSandboxCard(p.id, token, {
      cardNumber: cardDigits(card.number),
      expiry: card.expiry || undefined,
      cvc: card.cvc || undefined,
    });
    settle(result, p, token);
  }

  async function payByStripe() {
    const handle = stripeRef.current;
    if (!handle) return setError(t('card.stripeUnavailable'));
    // Stripe validates its fields before anything is created on our side
    const invalid = await handle.submit();
    if (invalid) return setError(invalid);
    const target = await ensurePayment('card');
    if (!target) return;
    const { payment: p, token } = target;
    if (isCaptured(p.status)) return props.onPaid(p);
    if (!p.clientSecret) return setError(t('genericError'));
    // a bank may send the customer away to confirm: /pay/return settles it afterwards
    savePayContext(p.id, { token, returnTo: props.returnTo, purpose });
    const { error: stripeError } = await handle.confirm(p.clientSecret, returnUrl(p.id));
    if (stripeError) return declined(stripeError, p);
    settle(await syncPayment(p.id, token), p, token);
  }

  async function payByPayPal() {
    const target = await ensurePayment('paypal');
    if (!target) return;
    const { payment: p, token } = target;
    if (isCaptured(p.status)) return props.onPaid(p);
    if (!p.approveUrl) return setError(t('genericError'));
    savePayContext(p.id, { token, returnTo: props.returnTo, purpose });
    // PayPal sends the customer back to /pay/return, which settles (captures) the payment
    window.location.assign(p.approveUrl);
  }

  async function switchToCollection(p: PaymentView, token: string | undefined) {
    if (!props.payOnCollectionInstead) return setError(t('genericError'));
    const result = await props.payOnCollectionInstead(p.id, token);
    if (result.ok) return props.onCollection?.(result.payment);
    if (result.problem.status === 409) props.onConflict?.(result.problem);
    setError(result.problem.code === 'NETWORK' ? t('networkError') : result.problem.detail);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current || busy || disabled || props.submitDisabled || !method) return;
    clearMessages();
    setCardErrors({});
    if (props.beforeSubmit && !props.beforeSubmit()) return;
    inFlight.current = true;
    setBusy('submit');
    try {
      if (method === 'collection') {
        const open = payment && !isCaptured(payment.status) ? payment : null;
        if (open) await switchToCollection(open, props.token);
        else await props.start('collection');
      } else if (method === 'paypal') await payByPayPal();
      else if (useStripe) await payByStripe();
      else await payBySandboxCard();
    } catch {
      setError(t('networkError'));
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }

  async function collectionInstead() {
    if (!payment || busy || inFlight.current) return;
    clearMessages();
    inFlight.current = true;
    setBusy('collection');
    try {
      await switchToCollection(payment, props.token);
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }

  async function decideAuthentication(approve: boolean) {
    if (!auth) return;
    setAuthBusy(approve ? 'approve' : 'deny');
    try {
      const result = await authenticateSandbox(auth.payment.id, auth.token, approve);
      setAuth(null);
      settle(result, auth.payment, auth.token);
    } finally {
      setAuthBusy(null);
    }
  }

  const label =
    method === 'paypal'
      ? t('submit.paypal')
      : method === 'collection'
        ? purpose === 'booking' && payment
          ? t('submit.switchToCollection')
          : t('submit.collection')
        : t('submit.card', { amount: money });
  const busyLabel =
    method === 'paypal'
      ? t('submit.paypalBusy')
      : method === 'collection'
        ? t('submit.collectionBusy')
        : t('submit.cardBusy');

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-busy={busy !== null}>
      {methods.length > 0 ? (
        <PaymentMethodSelector
          methods={methods}
          value={method}
          onChange={(m) => {
            clearMessages();
            props.onMethodChange(m);
          }}
          currency={currency}
          disabled={disabled || busy !== null}
          name={`${idPrefix}-method`}
        />
      ) : null}

      <div className={summary ? 'grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]' : undefined}>
        <div className="min-w-0 space-y-4">
          {method === 'card' ? (
            useStripe ? (
              <StripeCardForm
                publishableKey={stripePublishableKey!}
                amountMinor={amountMinor}
                currency={currency}
                handleRef={stripeRef}
              />
            ) : (
              <SandboxCardForm
                value={card}
                onChange={(next) => {
                  setCard(next);
                  if (Object.keys(cardErrors).length > 0) setCardErrors({});
                }}
                errors={cardErrors}
                disabled={disabled || busy !== null}
                idPrefix={idPrefix}
                numberRef={numberRef}
              />
            )
          ) : null}
          {method === 'paypal' ? (
            <p className="flex items-start gap-2 rounded-xl border border-slate-200 bg-slate-50 p-3 text-slate-700">
              <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
              {t('paypalExplainer')}
            </p>
          ) : null}
          {method === 'collection' ? (
            <p className="flex items-start gap-2 rounded-xl border border-slate-200 bg-slate-50 p-3 text-slate-700">
              <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
              {t('collectionExplainer')}
            </p>
          ) : null}

          {decline ? (
            <div
              role="alert"
              className="rounded-xl border border-red-300 bg-red-50 p-4 text-red-900"
              data-testid="payment-declined"
            >
              <p className="flex items-start gap-2 font-semibold">
                <AlertCircle className="mt-0.5 size-5 shrink-0" aria-hidden />
                {t('declinedTitle')}
              </p>
              <p className="mt-1">{decline}</p>
              {canSwitchToCollection && payment ? (
                <Button
                  type="button"
                  variant="secondary"
                  size="sm"
                  className="mt-3"
                  onClick={() => void collectionInstead()}
                  loading={busy === 'collection'}
                  disabled={busy !== null}
                  data-testid="pay-on-collection-instead"
                >
                  {t('collectionInstead')}
                </Button>
              ) : null}
            </div>
          ) : null}
          {error || props.error ? (
            <div
              role="alert"
              className="rounded-xl border border-red-300 bg-red-50 p-4 font-medium text-red-900"
              data-testid="payment-error"
            >
              {error ?? props.error}
            </div>
          ) : null}
          {info ? (
            <p role="status" className="rounded-xl border border-sky-200 bg-sky-50 p-3 text-sky-950">
              {info}
            </p>
          ) : null}
        </div>

        {summary ? (
          <div className="rounded-xl border border-slate-200 bg-slate-50 p-4 lg:self-start">
            <h3 className="mb-3 font-semibold">{t('summaryTitle')}</h3>
            <PaymentSummary data={summary} due={method === 'collection' ? 'collection' : 'now'} />
          </div>
        ) : null}
      </div>

      {props.notice}

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="flex items-center gap-2 text-sm text-slate-600">
          {method === 'card' && useStripe ? (
            <>
              <Lock className="size-4 shrink-0" aria-hidden />
              {t('stripeNote')}
            </>
          ) : null}
        </p>
        <Button
          type="submit"
          size="lg"
          loading={busy === 'submit'}
          disabled={disabled || props.submitDisabled || busy !== null || !method}
          className="w-full sm:w-auto"
          data-testid="submit-payment"
        >
          {busy === 'submit' ? busyLabel : label}
        </Button>
      </div>

      <AuthenticateDialog
        open={auth !== null}
        amount={formatMoney(auth?.payment.amountMinor ?? amountMinor, currency)}
        busy={authBusy}
        onDecide={(approve) => void decideAuthentication(approve)}
      />
    </form>
  );
}

function returnUrl(paymentId: string): string {
  return `${window.location.origin}/pay/return?payment=${encodeURIComponent(paymentId)}`;
}
