'use client';
/**
 * A repair's payments for its customer (portal page or tracking link): the balance, the
 * payments made with their receipts, and, while something is due, the gateway to pay it
 * online. The page renders the first copy on the server; SWR keeps it current after paying.
 */
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { CheckCircle2, FileDown, XCircle } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/features/pricing';
import type { OrderPayments, PaymentMethod, PaymentView } from '../schemas';
import { isCaptured } from '../state';
import { PaymentSummary, summaryFromBalance } from './payment-summary';
import { usePaymentText } from './payment-text';
import {
  receiptUrl,
  startBalancePayment,
  useOrderPayments,
  usePaymentMethods,
  type OrderSource,
} from './payments-client';
import { UnifiedPaymentGateway, type StartResult } from './unified-payment-gateway';

const STATUS_TONE: Partial<Record<PaymentView['status'], string>> = {
  succeeded: 'bg-emerald-100 text-emerald-900',
  partially_refunded: 'bg-amber-100 text-amber-900',
  refunded: 'bg-slate-100 text-slate-800',
};

export function OrderPaymentsCard({
  source,
  initial,
  cancelled,
  timeZone,
}: {
  source: OrderSource;
  initial: OrderPayments;
  /** the repair was cancelled: nothing can be paid */
  cancelled: boolean;
  timeZone: string;
}) {
  const t = useTranslations('payments');
  const format = useFormatter();
  const text = usePaymentText();
  const router = useRouter();
  const headingId = useId();
  const { data = initial, mutate } = useOrderPayments(source, initial);
  const { data: gateway } = usePaymentMethods();
  const [open, setOpen] = useState(false);
  const [method, setMethod] = useState<PaymentMethod | null>(null);
  const [attempt, setAttempt] = useState<PaymentView | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [thanks, setThanks] = useState<string | null>(null);
  const gatewayHeading = useRef<HTMLHeadingElement>(null);
  const thanksRef = useRef<HTMLParagraphElement>(null);
  const payButton = useRef<HTMLButtonElement>(null);
  const token = source.kind === 'track' ? source.token : undefined;

  // the page was rendered again on the server (a live update): take its figures
  useEffect(() => {
    void mutate(initial, { revalidate: false });
  }, [initial, mutate]);

  const { balance, payments, refunds } = data;
  // "Payments made" lists money taken; a declined card is an attempt, shown apart and not counted
  // (an attempt still open is the gateway's business, below)
  const made = payments.filter((p) => isCaptured(p.status));
  const failed = payments.filter((p) => p.status === 'failed');
  const due = balance.dueMinor;
  const money = (minor: number) => formatMoney(minor, balance.currency);
  // paying a balance is online only: pay on collection needs no button
  const methods = (gateway?.methods ?? []).filter((m) => m.id !== 'collection');
  const chosen = methods.some((m) => m.id === method) ? method : (methods[0]?.id ?? null);
  const canPay = due > 0 && !cancelled && methods.length > 0;

  async function start(m: PaymentMethod): Promise<StartResult> {
    if (m === 'collection') return { kind: 'failed' };
    setStartError(null);
    const result = await startBalancePayment(source, m);
    if (!result.ok) {
      setStartError(result.problem.detail || t('genericError'));
      if (result.problem.status === 409) void mutate();
      return { kind: 'failed' };
    }
    setAttempt(result.payment);
    return { kind: 'payment', payment: result.payment, token };
  }

  async function paid(p: PaymentView) {
    setOpen(false);
    setAttempt(null);
    setThanks(t('order.thanks', { amount: money(p.amountMinor) }));
    await mutate();
    // the timeline and status around this card are rendered on the server
    router.refresh();
    requestAnimationFrame(() => thanksRef.current?.focus());
  }

  function openGateway() {
    setThanks(null);
    setStartError(null);
    setOpen(true);
    requestAnimationFrame(() => gatewayHeading.current?.focus());
  }

  function closeGateway() {
    setOpen(false);
    requestAnimationFrame(() => payButton.current?.focus());
  }

  return (
    <Card role="region" aria-labelledby={headingId} data-testid="order-payments">
      <h2 id={headingId} className="text-lg font-semibold">
        {t('order.title')}
      </h2>
      <p className="mt-1 text-slate-700">{t('order.lead')}</p>

      <div className="mt-4 grid gap-6 md:grid-cols-2">
        <div className="rounded-xl border border-slate-200 bg-slate-50 p-4">
          <PaymentSummary data={summaryFromBalance(balance)} due="balance" />
        </div>
        <div>
          <h3 className="font-semibold">{t('order.history')}</h3>
          {made.length === 0 ? (
            <p className="mt-2 text-slate-700" data-testid="no-payments">
              {t('order.none')}
            </p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200 rounded-xl border border-slate-200">
              {made.map((p) => (
                <li
                  key={p.id}
                  className="space-y-1 px-4 py-3"
                  data-testid="payment-row"
                  data-status={p.status}
                >
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-semibold tabular-nums">{money(p.amountMinor)}</span>
                    <span
                      className={cn(
                        'rounded-full px-2.5 py-0.5 text-sm font-medium whitespace-nowrap',
                        STATUS_TONE[p.status] ?? 'bg-sky-100 text-sky-900',
                      )}
                    >
                      {text.status(p.status)}
                    </span>
                  </div>
                  <p className="text-sm text-slate-700">
                    {text.via(p)}
                    {p.succeededAt
                      ? ` · ${format.dateTime(new Date(p.succeededAt), { dateStyle: 'medium', timeZone })}`
                      : null}
                  </p>
                  {p.refundedMinor > 0 ? (
                    <p className="text-sm text-slate-700">
                      {t('order.refunded', { amount: money(p.refundedMinor) })}
                    </p>
                  ) : null}
                  {p.invoice ? (
                    <a
                      href={receiptUrl(p.invoice.id, token)}
                      download
                      className="inline-flex items-center gap-1.5 text-sm font-medium text-brand underline underline-offset-4"
                      data-testid={`invoice-link-${p.invoice.number}`}
                    >
                      <FileDown className="size-4 shrink-0" aria-hidden />
                      {text.receiptLabel(p.invoice.number)}
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {failed.length > 0 ? (
            <>
              <h4 className="mt-4 text-sm font-semibold text-slate-800">{t('order.failedTitle')}</h4>
              <ul className="mt-1 space-y-1" data-testid="failed-attempts">
                {failed.map((p) => (
                  <li
                    key={p.id}
                    className="flex flex-wrap items-baseline gap-x-2 text-sm text-slate-700"
                    data-testid="failed-attempt"
                  >
                    <XCircle className="size-4 shrink-0 self-center text-red-700" aria-hidden />
                    <span className="tabular-nums">{money(p.amountMinor)}</span>
                    <span>{text.via(p)}</span>
                    <span className="font-medium text-red-900">{t('order.failedAttempt')}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {refunds.length > 0 ? (
            <>
              <h3 className="mt-4 font-semibold">{t('order.refunds')}</h3>
              <ul className="mt-2 divide-y divide-slate-200 rounded-xl border border-slate-200">
                {refunds.map((r) => (
                  <li
                    key={r.id}
                    className="space-y-0.5 px-4 py-3"
                    data-testid="customer-refund"
                    data-refund-status={r.status}
                  >
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-semibold tabular-nums">
                        {t('order.refundAmount', { amount: money(r.amountMinor) })}
                      </span>
                      <span className="text-sm text-slate-700">
                        {r.status === 'pending'
                          ? t('order.refundPending')
                          : format.dateTime(new Date(r.createdAt), { dateStyle: 'medium', timeZone })}
                      </span>
                    </div>
                    <p className="text-sm break-words text-slate-800">
                      {t('order.refundReason', { reason: r.reason })}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>

      {thanks ? (
        <p
          ref={thanksRef}
          tabIndex={-1}
          role="status"
          className="mt-4 flex items-start gap-2 rounded-xl border border-emerald-300 bg-emerald-50 p-3 font-medium text-emerald-900 outline-none"
          data-testid="payment-thanks"
        >
          <CheckCircle2 className="mt-0.5 size-5 shrink-0" aria-hidden />
          {thanks}
        </p>
      ) : null}

      {cancelled ? (
        <p className="mt-4 text-slate-700" data-testid="payments-cancelled">
          {balance.capturedMinor === 0
            ? t('order.cancelled')
            : balance.owedMinor > 0
              ? t('order.cancelledRefunding', { amount: money(balance.owedMinor) })
              : balance.refundedMinor > 0
                ? t('order.cancelledRefunded', { amount: money(balance.refundedMinor) })
                : t('order.cancelledKept')}
          {balance.capturedMinor > 0 && balance.owedMinor === 0 && balance.paidMinor > 0
            ? ` ${t('order.cancelledFee', { amount: money(balance.paidMinor) })}`
            : null}
        </p>
      ) : due === 0 && made.length > 0 && !thanks ? (
        <p className="mt-4 font-medium text-emerald-800">{t('order.settled')}</p>
      ) : null}

      {canPay && !open ? (
        <div className="mt-5 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-slate-600">{t('order.payAtCollection')}</p>
          <Button
            ref={payButton}
            onClick={openGateway}
            className="w-full sm:w-auto"
            data-testid="pay-balance"
          >
            {t('order.payNow', { amount: money(due) })}
          </Button>
        </div>
      ) : null}

      {canPay && open && gateway ? (
        <section aria-labelledby={`${headingId}-pay`} className="mt-6 border-t border-slate-200 pt-6">
          <div className="mb-4 flex items-center justify-between gap-3">
            <h3
              id={`${headingId}-pay`}
              ref={gatewayHeading}
              tabIndex={-1}
              className="text-lg font-semibold outline-none"
            >
              {t('order.gatewayTitle', { amount: money(attempt?.amountMinor ?? due) })}
            </h3>
            <Button variant="ghost" size="sm" onClick={closeGateway} data-testid="pay-balance-close">
              {t('order.notNow')}
            </Button>
          </div>
          <UnifiedPaymentGateway
            methods={methods}
            stripePublishableKey={gateway.stripePublishableKey}
            method={chosen}
            onMethodChange={setMethod}
            amountMinor={attempt?.amountMinor ?? due}
            currency={balance.currency}
            token={token}
            payment={attempt}
            onPaymentChange={setAttempt}
            start={start}
            onPaid={(p) => void paid(p)}
            returnTo={
              source.kind === 'track'
                ? `/track/${encodeURIComponent(source.reference)}?token=${encodeURIComponent(source.token)}`
                : `/account/repairs/${encodeURIComponent(source.reference)}`
            }
            purpose="balance"
            error={startError}
            idPrefix={`${headingId}-gw`}
          />
        </section>
      ) : null}
    </Card>
  );
}
