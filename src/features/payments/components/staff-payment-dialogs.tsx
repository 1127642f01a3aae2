'use client';
/** The staff payments panel's dialogs: record money taken at the counter, refund a payment. */
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Banknote, Undo2 } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { paymentsClient as api } from './api-client';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, Input, Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/components/ui/cn';
import { currencyMinorDigits, formatMoney, minorToInput, parseMoneyInput } from '@/features/pricing';
import type { StaffOrderPayments, StaffPaymentView } from '../schemas';
import { counterKind, fieldErrors, newKey, refundableMinor, type Fields } from './staff-payment-utils';

export function RecordPaymentDialog({
  data,
  open,
  onOpenChange,
  onDone,
}: {
  data: StaffOrderPayments;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: () => unknown;
}) {
  const t = useTranslations('staffPayments');
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('record.title')}
      description={t('record.text', { due: formatMoney(data.balance.dueMinor, data.balance.currency) })}
      closeLabel={t('close')}
    >
      {/* mounted per opening: fresh fields (the amount due now) and a fresh Idempotency-Key */}
      {open ? <RecordForm data={data} onClose={() => onOpenChange(false)} onDone={onDone} /> : null}
    </Dialog>
  );
}

function RecordForm({
  data,
  onClose,
  onDone,
}: {
  data: StaffOrderPayments;
  onClose: () => void;
  onDone: () => unknown;
}) {
  const t = useTranslations('staffPayments');
  const toast = useToast();
  const id = useId();
  const { balance } = data;
  const digits = currencyMinorDigits(balance.currency);
  const money = (minor: number) => formatMoney(minor, balance.currency);
  const [kind, setKind] = useState<'cash' | 'card_terminal'>('cash');
  const [amount, setAmount] = useState(() => minorToInput(balance.dueMinor, digits));
  const [errors, setErrors] = useState<Fields & { form?: string }>({});
  const [busy, setBusy] = useState(false);
  // one key per opening: a double click or a retried request records the payment once
  const [key, setKey] = useState(() => newKey('counter'));
  const amountRef = useRef<HTMLInputElement>(null);
  const parsed = parseMoneyInput(amount, digits);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (parsed === null || parsed <= 0) {
      setErrors({ amountMinor: t('amountInvalid') });
      amountRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const res = await api.staff.orders[':id'].payments.$post({
        param: { id: data.reference },
        header: { 'idempotency-key': key },
        json: { kind, amountMinor: parsed },
      });
      if (res.ok) {
        const payment = await res.json();
        toast({ tone: 'success', title: t('record.done', { amount: money(payment.amountMinor) }) });
        onClose();
        await onDone();
        return;
      }
      const problem = await readProblem(res);
      const fields = fieldErrors(problem);
      if (fields.amountMinor || fields.kind) {
        setErrors(fields);
        if (fields.amountMinor) amountRef.current?.focus();
      } else if (problem.status === 409) {
        // paid meanwhile (online, or by a colleague): show the new balance
        toast({ tone: 'error', title: t('record.failed'), description: problem.detail });
        onClose();
        await onDone();
      } else {
        setErrors({ form: problem.detail });
        setKey(newKey('counter'));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="record-dialog">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t('record.kindLegend')}</legend>
        <div className="mt-2 grid grid-cols-2 gap-2">
          {(['cash', 'card_terminal'] as const).map((k) => (
            <label
              key={k}
              className={cn(
                'flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border px-3',
                kind === k ? 'border-brand bg-brand/5' : 'border-slate-300',
              )}
            >
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                className="size-4 accent-brand"
                data-testid={`record-kind-${k}`}
              />
              {k === 'cash' ? t('record.cash') : t('record.cardTerminal')}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-4">
        <Field
          id={`${id}-amount`}
          label={t('record.amountLabel', { currency: balance.currency })}
          hint={t('record.amountHint', { due: money(balance.dueMinor) })}
          error={errors.amountMinor}
          required
        >
          <Input
            ref={amountRef}
            id={`${id}-amount`}
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              setErrors({});
            }}
            aria-invalid={errors.amountMinor ? true : undefined}
            aria-describedby={errors.amountMinor ? `${id}-amount-error` : `${id}-amount-hint`}
            data-testid="record-amount"
          />
        </Field>
      </div>
      {errors.form ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {errors.form}
        </p>
      ) : null}
      <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
          {t('cancel')}
        </Button>
        <Button type="submit" loading={busy} data-testid="record-confirm">
          <Banknote className="size-5" aria-hidden />
          {parsed !== null && parsed > 0
            ? t('record.submit', { amount: money(parsed) })
            : t('record.submitPlain')}
        </Button>
      </div>
    </form>
  );
}

export function RefundDialog({
  payment,
  destination,
  onClose,
  onDone,
}: {
  payment: StaffPaymentView | null;
  destination: string;
  onClose: () => void;
  onDone: () => unknown;
}) {
  const t = useTranslations('staffPayments');
  return (
    <Dialog
      open={payment !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={t('refund.title')}
      description={
        payment
          ? t('refund.text', {
              left: formatMoney(refundableMinor(payment), payment.currency),
              amount: formatMoney(payment.amountMinor, payment.currency),
            })
          : undefined
      }
      closeLabel={t('close')}
    >
      {/* keyed by payment: every opening starts with fresh fields and a fresh Idempotency-Key */}
      {payment ? (
        <RefundForm
          key={payment.id}
          payment={payment}
          destination={destination}
          onClose={onClose}
          onDone={onDone}
        />
      ) : null}
    </Dialog>
  );
}

function RefundForm({
  payment,
  destination,
  onClose,
  onDone,
}: {
  payment: StaffPaymentView;
  destination: string;
  onClose: () => void;
  onDone: () => unknown;
}) {
  const t = useTranslations('staffPayments');
  const toast = useToast();
  const id = useId();
  const digits = currencyMinorDigits(payment.currency);
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const left = refundableMinor(payment);
  const [amount, setAmount] = useState(() => minorToInput(left, digits));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Fields & { form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => newKey('refund'));
  const amountRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const parsed = parseMoneyInput(amount, digits);
  const valid = parsed !== null && parsed > 0;
  const counter = counterKind(payment);

  const summary = !valid
    ? t('refund.summaryInvalid')
    : counter === 'cash'
      ? t('refund.summaryCash', { amount: money(parsed), total: money(payment.amountMinor) })
      : counter === 'terminal'
        ? t('refund.summaryTerminal', { amount: money(parsed), total: money(payment.amountMinor) })
        : t('refund.summary', { amount: money(parsed), total: money(payment.amountMinor), destination });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Fields = {};
    if (!valid) local.amountMinor = t('amountInvalid');
    if (reason.trim().length < 3) local.reason = t('refund.reasonRequired');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      (local.amountMinor ? amountRef : reasonRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      const res = await api.staff.payments[':paymentId'].refunds.$post({
        param: { paymentId: payment.id },
        header: { 'idempotency-key': key },
        json: { amountMinor: parsed!, reason: reason.trim() },
      });
      if (res.ok) {
        toast({ tone: 'success', title: t('refund.done', { amount: money(parsed!) }) });
        onClose();
        await onDone();
        return;
      }
      const problem = await readProblem(res);
      const fields = fieldErrors(problem);
      if (fields.amountMinor || fields.reason) {
        setErrors(fields);
        (fields.amountMinor ? amountRef : reasonRef).current?.focus();
      } else {
        setErrors({ form: problem.detail });
        // the attempt is over (refused or failed at the provider): a new try is a new refund
        setKey(newKey('refund'));
      }
      // the payment may have changed meanwhile (a colleague's refund): show what is left now
      void onDone();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="refund-dialog">
      <div className="space-y-4">
        <Field
          id={`${id}-amount`}
          label={t('refund.amountLabel', { currency: payment.currency })}
          hint={t('refund.amountHint', { left: money(left) })}
          error={errors.amountMinor}
          required
        >
          <Input
            ref={amountRef}
            id={`${id}-amount`}
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              setErrors((prev) => ({ ...prev, amountMinor: undefined, form: undefined }));
            }}
            aria-invalid={errors.amountMinor ? true : undefined}
            aria-describedby={errors.amountMinor ? `${id}-amount-error` : `${id}-amount-hint`}
            data-testid="refund-amount"
          />
        </Field>
        <Field
          id={`${id}-reason`}
          label={t('refund.reasonLabel')}
          hint={t('refund.reasonHint')}
          error={errors.reason}
          required
        >
          <Textarea
            ref={reasonRef}
            id={`${id}-reason`}
            value={reason}
            maxLength={500}
            onChange={(e) => {
              setReason(e.target.value);
              setErrors((prev) => ({ ...prev, reason: undefined, form: undefined }));
            }}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${id}-reason-error` : `${id}-reason-hint`}
            data-testid="refund-reason"
          />
        </Field>
      </div>
      <p className="mt-4 rounded-lg bg-slate-50 p-3 font-medium text-slate-900" data-testid="refund-summary">
        {summary}
      </p>
      {errors.form ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {errors.form}
        </p>
      ) : null}
      <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
          {t('cancel')}
        </Button>
        <Button type="submit" variant="danger" loading={busy} data-testid="refund-confirm">
          <Undo2 className="size-5" aria-hidden />
          {valid ? t('refund.confirm', { amount: money(parsed) }) : t('refund.confirmPlain')}
        </Button>
      </div>
    </form>
  );
}
