'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import useSWR from 'swr';
import { Banknote, FileText, Undo2 } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { paymentsClient as api } from './api-client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/features/pricing';
import { useLiveSignal } from '@/features/live/components';
import type { StaffOrderPayments, StaffPaymentView } from '../schemas';
import { RecordPaymentDialog, RefundDialog } from './staff-payment-dialogs';
import {
  LIVE_TYPES,
  STATUS_TONE,
  counterKind,
  refundableMinor,
  staffPaymentsKey,
  useWide,
} from './staff-payment-utils';

export { refundableMinor, staffPaymentsKey };

export function StaffPaymentsPanel({ orderId, timeZone }: { orderId: string; timeZone: string }) {
  const t = useTranslations('staffPayments');
  const { data, error, isLoading, mutate } = useSWR(staffPaymentsKey(orderId), async () => {
    const res = await api.staff.orders[':id'].payments.$get({ param: { id: orderId } });
    if (!res.ok) throw new Error((await readProblem(res)).detail);
    return res.json();
  });
  useLiveSignal(LIVE_TYPES, () => void mutate());

  return (
    <Card role="region" aria-labelledby="staff-payments-title" data-testid="staff-payments">
      <h2 id="staff-payments-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('lead')}</p>
      {error && !data ? (
        <div role="alert" className="mt-4 rounded-lg bg-red-50 p-3 text-red-900" data-testid="payments-error">
          <p>{t('loadError')}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => void mutate()}>
            {t('retry')}
          </Button>
        </div>
      ) : isLoading || !data ? (
        <div className="mt-4 space-y-2" data-testid="payments-loading">
          <p role="status" className="sr-only">
            {t('loading')}
          </p>
          <Skeleton className="h-24" />
          <Skeleton className="h-10" />
          <Skeleton className="h-16" />
        </div>
      ) : (
        <PaymentsBody data={data} timeZone={timeZone} onChange={() => mutate()} />
      )}
    </Card>
  );
}

function PaymentsBody({
  data,
  timeZone,
  onChange,
}: {
  data: StaffOrderPayments;
  timeZone: string;
  onChange: () => unknown;
}) {
  const t = useTranslations('staffPayments');
  const format = useFormatter();
  const wide = useWide();
  const [refunding, setRefunding] = useState<StaffPaymentView | null>(null);
  const [recording, setRecording] = useState(false);
  const { balance } = data;
  const money = (minor: number) => formatMoney(minor, balance.currency);
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeZone });
  const time = (iso: string) => format.dateTime(new Date(iso), { timeStyle: 'short', timeZone });
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone });

  const methodName = (p: StaffPaymentView): string => {
    const counter = counterKind(p);
    if (counter === 'cash') return t('method.cash');
    if (counter === 'terminal') return t('method.cardTerminal');
    if (p.provider === 'collection') return t('method.counter');
    if (p.method === 'paypal') return p.testMode ? t('method.paypalTest') : t('method.paypal');
    return p.testMode ? t('method.cardTest') : t('method.card');
  };
  // the card or account, e.g. "Visa •••• 4242" (counter payments have none beyond their kind)
  const methodDetail = (p: StaffPaymentView) => (p.provider === 'collection' ? null : p.methodDetail);
  const canRefundIt = (p: StaffPaymentView) => data.canRefund && refundableMinor(p) > 0;
  const refundButton = (p: StaffPaymentView, className?: string) =>
    canRefundIt(p) ? (
      <Button
        variant="secondary"
        size="sm"
        className={className}
        aria-label={t('refund.openLabel', { amount: money(p.amountMinor), date: when(p.createdAt) })}
        onClick={() => setRefunding(p)}
        data-testid={`refund-${p.id}`}
      >
        <Undo2 className="size-4" aria-hidden />
        {t('refund.open')}
      </Button>
    ) : null;
  const invoiceLink = (p: StaffPaymentView) =>
    p.invoice ? (
      <a
        href={`/api/invoices/${p.invoice.id}/pdf`}
        target="_blank"
        rel="noreferrer"
        aria-label={t('invoiceLabel', { number: p.invoice.number })}
        className="inline-flex min-h-9 items-center gap-1 text-sm whitespace-nowrap text-brand underline underline-offset-4"
        data-testid={`staff-invoice-${p.invoice.number}`}
      >
        <FileText className="size-4 shrink-0" aria-hidden />
        {t('invoice', { number: p.invoice.number })}
      </a>
    ) : null;
  const statusBadge = (p: StaffPaymentView) => (
    <span
      className={cn(
        'inline-block rounded-full px-2 py-0.5 text-sm font-medium whitespace-nowrap',
        STATUS_TONE[p.status],
      )}
      data-status={p.status}
      data-testid="payment-status"
    >
      {t(`status.${p.status}`)}
    </span>
  );
  const refundList = (p: StaffPaymentView) =>
    p.refunds.length > 0 ? (
      <ul aria-label={t('refundsLabel')} className="space-y-1.5">
        {p.refunds.map((r) => (
          <li
            key={r.id}
            className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-sm text-slate-700"
            data-testid="refund-row"
            data-refund-status={r.status}
          >
            <Undo2 className="size-3.5 shrink-0 self-center text-slate-500" aria-hidden />
            <span className="font-medium whitespace-nowrap text-slate-900 tabular-nums">
              {t('refundAmount', { amount: formatMoney(r.amountMinor, p.currency) })}
            </span>
            {r.status !== 'succeeded' ? (
              <span
                className={cn(
                  'rounded-full px-1.5 text-xs font-medium',
                  r.status === 'failed' ? 'bg-red-100 text-red-900' : 'bg-amber-100 text-amber-900',
                )}
              >
                {t(`refundStatus.${r.status}`)}
              </span>
            ) : null}
            <span className="min-w-0 break-words text-slate-900">{r.reason}</span>
            <span className="text-slate-600">
              {r.createdBy
                ? t('refundMeta', { name: r.createdBy, when: when(r.createdAt) })
                : t('refundMetaSystem', { when: when(r.createdAt) })}
            </span>
          </li>
        ))}
      </ul>
    ) : null;

  return (
    <>
      <dl
        className="mt-4 grid grid-cols-2 gap-3 rounded-xl bg-slate-50 p-4 sm:grid-cols-[repeat(auto-fit,minmax(7.5rem,1fr))]"
        aria-label={t('balance.label')}
        data-testid="payments-balance"
      >
        <div>
          <dt className="text-sm text-slate-600">{t('balance.total')}</dt>
          <dd className="font-semibold tabular-nums" data-testid="payments-total">
            {money(balance.totalMinor)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t('balance.vat', { rate: balance.vatRateBp / 100 })}</dt>
          <dd className="tabular-nums" data-testid="payments-vat">
            {money(balance.vatMinor)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t('balance.paid')}</dt>
          <dd className="font-semibold tabular-nums" data-testid="payments-paid">
            {money(balance.capturedMinor)}
          </dd>
        </div>
        {balance.refundedMinor > 0 ? (
          <>
            <div>
              <dt className="text-sm text-slate-600">{t('balance.refunded')}</dt>
              <dd className="tabular-nums" data-testid="payments-refunded">
                {money(balance.refundedMinor)}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('balance.net')}</dt>
              <dd className="font-semibold tabular-nums" data-testid="payments-net">
                {money(balance.paidMinor)}
              </dd>
            </div>
          </>
        ) : null}
        {balance.owedMinor > 0 ? (
          <div>
            <dt className="text-sm text-slate-600">{t('balance.owed')}</dt>
            <dd className="text-lg leading-6 font-bold text-red-800 tabular-nums" data-testid="payments-owed">
              {money(balance.owedMinor)}
            </dd>
            <dd className="text-sm text-red-800">{t('balance.owedHint')}</dd>
          </div>
        ) : (
          <div>
            <dt className="text-sm text-slate-600">{t('balance.due')}</dt>
            <dd
              className={cn(
                'text-lg leading-6 font-bold tabular-nums',
                balance.dueMinor > 0 ? 'text-amber-800' : 'text-emerald-800',
              )}
              data-testid="payments-due"
            >
              {money(balance.dueMinor)}
            </dd>
            {balance.dueMinor === 0 && balance.capturedMinor > 0 ? (
              <dd className="text-sm text-emerald-800" data-testid="payments-settled">
                {balance.cancelled
                  ? balance.paidMinor > 0
                    ? t('balance.cancelledFee', { amount: money(balance.paidMinor) })
                    : t('balance.cancelledRefunded')
                  : balance.refundedMinor > 0
                    ? t('balance.settledRefunded', { amount: money(balance.refundedMinor) })
                    : t('balance.settled')}
              </dd>
            ) : null}
          </div>
        )}
      </dl>

      {data.canRecord && balance.dueMinor > 0 ? (
        <Button
          variant="secondary"
          className="mt-4 w-full sm:w-auto"
          onClick={() => setRecording(true)}
          data-testid="record-payment"
        >
          <Banknote className="size-5" aria-hidden />
          {t('record.open')}
        </Button>
      ) : null}

      <h3 id="staff-payments-history" className="mt-6 font-semibold">
        {t('historyTitle')}
      </h3>
      {data.payments.length === 0 ? (
        <div
          className="mt-2 rounded-xl border border-dashed border-slate-300 p-4"
          data-testid="payments-empty"
        >
          <p className="font-medium text-slate-800">{t('empty')}</p>
          <p className="mt-1 text-sm text-slate-600">{t('emptyHint')}</p>
        </div>
      ) : wide ? (
        <table className="mt-2 w-full border-collapse text-left" aria-labelledby="staff-payments-history">
          <thead>
            <tr className="border-b border-slate-200 text-sm text-slate-600">
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('columns.date')}
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('columns.method')}
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                {t('columns.amount')}
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('columns.status')}
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                {t('columns.refunded')}
              </th>
            </tr>
          </thead>
          {data.payments.map((p) => (
            <tbody
              key={p.id}
              className="border-b border-slate-200 align-top last:border-b-0"
              data-testid={`payment-${p.id}`}
              data-status={p.status}
            >
              <tr>
                <td className="py-2 pr-3 text-sm">
                  <span className="block whitespace-nowrap">{day(p.createdAt)}</span>
                  <span className="block whitespace-nowrap">{time(p.createdAt)}</span>
                  <span className="block text-slate-600">{t(`purpose.${p.purpose}`)}</span>
                </td>
                <td className="py-2 pr-3 text-sm">
                  <span className="block font-medium whitespace-nowrap">{methodName(p)}</span>
                  {methodDetail(p) ? (
                    <span className="block whitespace-nowrap">{methodDetail(p)}</span>
                  ) : null}
                  {p.createdBy ? (
                    <span className="block text-slate-600">{t('recordedBy', { name: p.createdBy })}</span>
                  ) : null}
                </td>
                <td className="py-2 pr-3 text-right font-semibold whitespace-nowrap tabular-nums">
                  {formatMoney(p.amountMinor, p.currency)}
                </td>
                <td className="py-2 pr-3">
                  {statusBadge(p)}
                  {p.failureMessage ? (
                    <span className="mt-1 block text-sm text-red-800">{p.failureMessage}</span>
                  ) : null}
                </td>
                <td className="py-2 text-right text-sm whitespace-nowrap tabular-nums">
                  {p.refundedMinor > 0 ? formatMoney(p.refundedMinor, p.currency) : t('nothingRefunded')}
                </td>
              </tr>
              {p.refunds.length > 0 ? (
                <tr>
                  <td colSpan={5} className="pb-2 pl-4">
                    {refundList(p)}
                  </td>
                </tr>
              ) : null}
              {p.invoice || canRefundIt(p) ? (
                <tr>
                  <td colSpan={5} className="pb-3">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      {p.invoice ? invoiceLink(p) : <span />}
                      {refundButton(p)}
                    </div>
                  </td>
                </tr>
              ) : null}
            </tbody>
          ))}
        </table>
      ) : (
        <ul className="mt-2 space-y-3" aria-labelledby="staff-payments-history">
          {data.payments.map((p) => (
            <li
              key={p.id}
              className="rounded-xl border border-slate-200 p-3"
              data-testid={`payment-${p.id}`}
              data-status={p.status}
            >
              <div className="flex items-start justify-between gap-3">
                <p className="min-w-0">
                  <span className="block font-medium">{methodName(p)}</span>
                  {methodDetail(p) ? <span className="block text-sm">{methodDetail(p)}</span> : null}
                </p>
                <p className="text-right">
                  <span className="block font-semibold whitespace-nowrap tabular-nums">
                    {formatMoney(p.amountMinor, p.currency)}
                  </span>
                  {statusBadge(p)}
                </p>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {when(p.createdAt)} · {t(`purpose.${p.purpose}`)}
                {p.createdBy ? ` · ${t('recordedBy', { name: p.createdBy })}` : null}
              </p>
              {p.failureMessage ? <p className="mt-1 text-sm text-red-800">{p.failureMessage}</p> : null}
              {p.refundedMinor > 0 ? (
                <p className="mt-1 text-sm">
                  {t('columns.refunded')}:{' '}
                  <span className="font-medium tabular-nums">{formatMoney(p.refundedMinor, p.currency)}</span>
                </p>
              ) : null}
              {p.refunds.length > 0 ? <div className="mt-2">{refundList(p)}</div> : null}
              {p.invoice || canRefundIt(p) ? (
                <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
                  {p.invoice ? invoiceLink(p) : <span />}
                  {refundButton(p)}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {data.canRecord && balance.dueMinor > 0 ? (
        <RecordPaymentDialog data={data} open={recording} onOpenChange={setRecording} onDone={onChange} />
      ) : null}
      <RefundDialog
        payment={refunding}
        // "Visa •••• 4242" kept on one line
        destination={
          refunding ? (methodDetail(refunding)?.replace(/ /g, '\u00a0') ?? t('refund.theCard')) : ''
        }
        onClose={() => setRefunding(null)}
        onDone={onChange}
      />
    </>
  );
}
