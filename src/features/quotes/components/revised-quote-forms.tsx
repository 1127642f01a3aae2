'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Send, Undo2 } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { quotesClient as api } from './api-client';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/features/pricing';
import type { OrderLines, StaffQuote } from '../schemas';
import { fieldErrors } from './add-line-form';

const STATUS_TONE: Record<StaffQuote['status'], string> = {
  pending: 'bg-amber-100 text-amber-900',
  approved: 'bg-emerald-100 text-emerald-900',
  declined: 'bg-red-100 text-red-900',
  withdrawn: 'bg-slate-200 text-slate-800',
  expired: 'bg-slate-200 text-slate-800',
};

/** Sending the lines to the customer as a revised quote, with a message. */
export function SendQuote({ data, onSent }: { data: OrderLines; onSent: (next: OrderLines) => unknown }) {
  const t = useTranslations('quotes');
  const toast = useToast();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const money = (minor: number) => formatMoney(minor, data.currency);
  if (data.locked !== null) return null;

  async function send() {
    if (!message.trim()) {
      setError(t('messageRequired'));
      return;
    }
    setBusy(true);
    try {
      const res = await api.staff.orders[':id'].quotes.$post({
        param: { id: data.orderId },
        json: { message },
      });
      if (res.ok) {
        onSent(await res.json());
        setOpen(false);
        setMessage('');
        toast({ tone: 'success', title: t('sent') });
      } else {
        const problem = await readProblem(res);
        setError(fieldErrors(problem).message ?? problem.detail);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mt-6">
      <Button
        variant="secondary"
        className="h-auto min-h-11 w-full py-2 sm:w-auto"
        disabled={!data.canSendQuote}
        aria-describedby={data.canSendQuote ? undefined : `${id}-why`}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        data-testid="quote-send-open"
      >
        <Send className="size-5" aria-hidden />
        {t('sendOpen')}
      </Button>
      {data.canSendQuote ? null : (
        <p id={`${id}-why`} className="mt-2 text-sm text-slate-600">
          {t('sendNotAllowed')}
        </p>
      )}
      <Dialog
        open={open}
        onOpenChange={(next) => {
          if (!busy) setOpen(next);
        }}
        title={t('sendTitle')}
        description={t('sendText', { total: money(data.totalMinor), agreed: money(data.agreedTotalMinor) })}
        closeLabel={t('close')}
      >
        <Field id={`${id}-message`} label={t('messageLabel')} hint={t('messageHint')} error={error} required>
          <Textarea
            id={`${id}-message`}
            value={message}
            maxLength={1000}
            onChange={(e) => {
              setMessage(e.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-message-error` : `${id}-message-hint`}
            data-testid="quote-message"
          />
        </Field>
        <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button loading={busy} onClick={() => void send()} data-testid="quote-send">
            <Send className="size-5" aria-hidden />
            {t('sendSubmit')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

/** The revised quotes sent so far; a pending one can be withdrawn. */
export function QuoteHistory({
  data,
  editable,
  onChange,
}: {
  data: OrderLines;
  editable: boolean;
  onChange: (next: OrderLines) => unknown;
}) {
  const t = useTranslations('quotes');
  const format = useFormatter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (data.quotes.length === 0) return null;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  async function withdraw(q: StaffQuote) {
    setBusy(true);
    try {
      const res = await api.staff.orders[':id'].quotes[':quoteId'].withdraw.$post({
        param: { id: data.orderId, quoteId: q.id },
      });
      if (res.ok) {
        onChange(await res.json());
        toast({ tone: 'success', title: t('withdrawn') });
      } else {
        toast({ tone: 'error', title: t('withdrawFailed'), description: (await readProblem(res)).detail });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="mt-8" aria-labelledby="quote-history-title">
      <h3 id="quote-history-title" className="font-semibold">
        {t('historyTitle')}
      </h3>
      <ol className="mt-3 space-y-3">
        {data.quotes.map((q) => (
          <li key={q.id} className="rounded-xl border border-slate-200 p-4" data-testid={`quote-${q.status}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium">
                {t('version', { version: q.version })}{' '}
                <span className={cn('ml-1 rounded-full px-2 py-0.5 text-sm', STATUS_TONE[q.status])}>
                  {t(`status.${q.status}`)}
                </span>
              </p>
              <p className="font-semibold tabular-nums">
                {formatMoney(q.totalMinor, q.currency)}{' '}
                <span className="text-sm font-normal text-slate-600">
                  ({q.differenceMinor > 0 ? '+' : ''}
                  {formatMoney(q.differenceMinor, q.currency)})
                </span>
              </p>
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {q.sentByName
                ? t('sentBy', { when: when(q.sentAt), name: q.sentByName })
                : t('sentAt', { when: when(q.sentAt) })}
              {q.decidedAt ? ` · ${t('decidedAt', { when: when(q.decidedAt) })}` : null}
            </p>
            <p className="mt-2 whitespace-pre-line text-slate-800">{q.message}</p>
            {q.decisionNote ? (
              <p className="mt-2 rounded-lg bg-slate-50 p-2 text-slate-800">
                {t('customerNote', { note: q.decisionNote })}
              </p>
            ) : null}
            {editable && q.status === 'pending' ? (
              <Button
                variant="secondary"
                size="sm"
                className="mt-3"
                loading={busy}
                onClick={() => void withdraw(q)}
                data-testid="quote-withdraw"
              >
                <Undo2 className="size-4" aria-hidden />
                {t('withdraw')}
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
