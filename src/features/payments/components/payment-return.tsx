'use client';
/**
 * Back from PayPal (or a bank's page for Stripe): settles the payment (PayPal captures it
 * here) and says what happened, with the next step. A guest's tracking token is found in this
 * tab's session (kept before leaving, or the booking draft); a signed-in owner needs none.
 */
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { AlertCircle, CheckCircle2, Clock, FileDown, XCircle } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import type { PaymentView } from '../schemas';
import { isCaptured } from '../state';
import { readPayContext } from './pay-context';
import { usePaymentText } from './payment-text';
import { receiptUrl, syncPayment } from './payments-client';

type State =
  | { kind: 'checking' }
  | { kind: 'paid' | 'failed' | 'pending'; payment: PaymentView }
  | { kind: 'cancelled' }
  | { kind: 'missing' }
  | { kind: 'error'; detail: string };

export interface Where {
  token?: string;
  returnTo: string | null;
}

export interface PaymentReturnProps {
  paymentId: string;
  cancelled: boolean;
  /**
   * Where the payment came from when this tab kept no pay context of its own (e.g. a booking
   * draft that was paying): the tracking token and the page to go back to.
   */
  fallbackWhere?: (paymentId: string) => Where | null;
  /** Called once the payment is found captured (e.g. the booking form completes its draft). */
  onPaid?: (payment: PaymentView) => void;
}

function whereFrom(paymentId: string, fallback: PaymentReturnProps['fallbackWhere']): Where {
  const context = readPayContext(paymentId);
  const other = fallback?.(paymentId) ?? null;
  return {
    token: context?.token ?? other?.token,
    returnTo: context?.returnTo ?? other?.returnTo ?? null,
  };
}

export function PaymentReturn({ paymentId, cancelled, fallbackWhere, onPaid }: PaymentReturnProps) {
  const t = useTranslations('payments.return');
  const text = usePaymentText();
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [where, setWhere] = useState<Where>({ returnTo: null });
  const heading = useRef<HTMLHeadingElement>(null);

  const check = useCallback(async () => {
    const found = whereFrom(paymentId, fallbackWhere);
    setWhere(found);
    if (!paymentId) return setState({ kind: 'missing' });
    if (cancelled) return setState({ kind: 'cancelled' });
    setState({ kind: 'checking' });
    const result = await syncPayment(paymentId, found.token);
    if (!result.ok) {
      return setState(
        result.problem.status === 404
          ? { kind: 'missing' }
          : { kind: 'error', detail: result.problem.detail || result.problem.code },
      );
    }
    const payment = result.payment;
    if (isCaptured(payment.status)) {
      onPaid?.(payment);
      setState({ kind: 'paid', payment });
    } else if (payment.status === 'failed') setState({ kind: 'failed', payment });
    else setState({ kind: 'pending', payment });
  }, [paymentId, cancelled, fallbackWhere, onPaid]);

  useEffect(() => {
    // the outcome is only known in the browser (session storage, then the API)
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one check on arrival
    void check();
  }, [check]);

  useEffect(() => {
    if (state.kind !== 'checking') heading.current?.focus();
  }, [state.kind]);

  if (state.kind === 'checking') {
    return (
      <Card role="status" aria-live="polite" data-testid="pay-return" data-state="checking">
        <p className="font-medium">{t('checking')}</p>
        <Skeleton className="mt-4 h-16" />
      </Card>
    );
  }

  const repairPath = (p: PaymentView) =>
    where.returnTo && where.returnTo !== '/book-repair'
      ? where.returnTo
      : `/account/repairs/${encodeURIComponent(p.reference)}`;
  const retryPath = where.returnTo ?? '/book-repair';

  let icon = <AlertCircle className="size-8 shrink-0 text-red-700" aria-hidden />;
  let title = t('missingTitle');
  let body: ReactNode = <p>{t('missingLead')}</p>;
  let actions: ReactNode = (
    <Button asChild variant="secondary">
      <Link href="/">{t('home')}</Link>
    </Button>
  );

  if (state.kind === 'paid') {
    const p = state.payment;
    icon = <CheckCircle2 className="size-8 shrink-0 text-emerald-600" aria-hidden />;
    title = t('paidTitle');
    body = (
      <>
        <p data-testid="pay-return-text">{t('paidLead', { text: text.paid(p) })}</p>
        {p.invoice ? (
          <a
            href={receiptUrl(p.invoice.id, where.token)}
            download
            className="mt-3 inline-flex items-center gap-1.5 font-medium text-brand underline underline-offset-4"
            data-testid="receipt-download"
          >
            <FileDown className="size-4" aria-hidden /> {text.receiptLabel(p.invoice.number)}
          </a>
        ) : null}
      </>
    );
    actions =
      p.purpose === 'booking' ? (
        <Button asChild>
          <Link href="/book-repair" data-testid="pay-return-next">
            {t('seeBooking')}
          </Link>
        </Button>
      ) : (
        <Button asChild>
          <Link href={repairPath(p)} data-testid="pay-return-next">
            {t('backToRepair')}
          </Link>
        </Button>
      );
  } else if (state.kind === 'failed' || state.kind === 'cancelled') {
    icon = <XCircle className="size-8 shrink-0 text-red-700" aria-hidden />;
    title = state.kind === 'failed' ? t('failedTitle') : t('cancelledTitle');
    body = (
      <>
        {state.kind === 'failed' && state.payment.failureMessage ? (
          <p className="font-medium">{state.payment.failureMessage}</p>
        ) : null}
        <p className={state.kind === 'failed' ? 'mt-1' : undefined}>
          {state.kind === 'failed' ? t('failedLead') : t('cancelledLead')}
        </p>
      </>
    );
    actions = (
      <Button asChild>
        <Link href={retryPath} data-testid="pay-return-next">
          {t('tryAgain')}
        </Link>
      </Button>
    );
  } else if (state.kind === 'pending') {
    icon = <Clock className="size-8 shrink-0 text-sky-700" aria-hidden />;
    title = t('pendingTitle');
    body = <p>{t('pendingLead')}</p>;
    actions = (
      <Button onClick={() => void check()} data-testid="pay-return-check">
        {t('checkAgain')}
      </Button>
    );
  } else if (state.kind === 'error') {
    body = <p>{t('error', { detail: state.detail })}</p>;
    actions = (
      <Button onClick={() => void check()} data-testid="pay-return-check">
        {t('checkAgain')}
      </Button>
    );
  }

  return (
    <Card data-testid="pay-return" data-state={state.kind}>
      <div className="flex items-start gap-3">
        {icon}
        <div className="min-w-0">
          <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold outline-none">
            {title}
          </h1>
          <div className="mt-2 text-slate-700">{body}</div>
        </div>
      </div>
      <div className="mt-6 flex flex-col gap-2 sm:flex-row">{actions}</div>
    </Card>
  );
}
