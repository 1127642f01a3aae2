'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import useSWR from 'swr';
import { Plus, Send, Trash2, Undo2 } from 'lucide-react';
import { readProblem, type ProblemBody } from '@/components/api-problem';
import { quotesClient as api } from './api-client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Field, Input, Select, Textarea } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/components/ui/cn';
import { currencyMinorDigits, formatMoney, parseMoneyInput } from '@/features/pricing';
import { MAX_UNIT_MINOR } from '../quote-totals';
import type { OrderLine, OrderLines, StaffQuote } from '../schemas';

/** SWR key of an order's lines: revalidate it (e.g. on a live update) with `mutate(orderLinesKey(id))`. */
export const orderLinesKey = (orderId: string) => ['order-lines', orderId] as const;

type FieldErrors = Partial<Record<'kind' | 'description' | 'quantity' | 'unitMinor' | 'message', string>>;

function fieldErrors(problem: ProblemBody): FieldErrors {
  const out: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const key = e.path as keyof FieldErrors;
    out[key] ??= e.message;
  }
  return out;
}

const STATUS_TONE: Record<StaffQuote['status'], string> = {
  pending: 'bg-amber-100 text-amber-900',
  approved: 'bg-emerald-100 text-emerald-900',
  declined: 'bg-red-100 text-red-900',
  withdrawn: 'bg-slate-200 text-slate-800',
};

/**
 * The staff order page's parts and labour: the lines with totals (VAT part, agreed total and the
 * difference), a form to add a part or labour line, removal with confirmation, sending a revised
 * quote to the customer, and the quotes sent so far (a pending one can be withdrawn).
 * `canEdit` hides the editing controls; the server decides in the end (assigned technician or
 * manager), and its answer is shown when it refuses.
 */
export function OrderLinesPanel({ orderId, canEdit }: { orderId: string; canEdit: boolean }) {
  const t = useTranslations('quotes');
  const { data, error, isLoading, mutate } = useSWR(orderLinesKey(orderId), async () => {
    const res = await api.staff.orders[':id'].lines.$get({ param: { id: orderId } });
    if (!res.ok) throw new Error((await readProblem(res)).detail);
    return res.json();
  });

  return (
    <Card role="region" aria-labelledby="order-lines-title" data-testid="order-lines">
      <h2 id="order-lines-title" className="text-lg font-semibold">
        {t('linesTitle')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('linesLead')}</p>
      {error ? (
        <p role="alert" className="mt-4 text-red-800">
          {t('loadError')}
        </p>
      ) : isLoading || !data ? (
        <div className="mt-4 space-y-2">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
          <Skeleton className="h-24" />
        </div>
      ) : (
        <LinesBody data={data} editable={canEdit && data.canEdit} onChange={(next) => mutate(next, false)} />
      )}
    </Card>
  );
}

function LinesBody({
  data,
  editable,
  onChange,
}: {
  data: OrderLines;
  editable: boolean;
  onChange: (next: OrderLines) => unknown;
}) {
  const t = useTranslations('quotes');
  const toast = useToast();
  const money = (minor: number) => formatMoney(minor, data.currency);
  const signed = (minor: number) => (minor > 0 ? `+${money(minor)}` : money(minor));
  const [removing, setRemoving] = useState<OrderLine | null>(null);
  const [busy, setBusy] = useState(false);
  const canChangeLines = editable && data.locked === null;

  async function remove(line: OrderLine) {
    setBusy(true);
    try {
      const res = await api.staff.orders[':id'].lines[':lineId'].$delete({
        param: { id: data.orderId, lineId: line.id },
      });
      if (res.ok) {
        onChange(await res.json());
        toast({ tone: 'success', title: t('removed') });
      } else {
        toast({ tone: 'error', title: t('removeFailed'), description: (await readProblem(res)).detail });
      }
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  }

  return (
    <>
      {data.locked === 'terminal' ? (
        <p className="mt-4 rounded-lg bg-slate-100 p-3 text-slate-800">{t('lockedTerminal')}</p>
      ) : data.locked === 'pending_quote' ? (
        <p className="mt-4 rounded-lg bg-amber-50 p-3 text-amber-950" data-testid="lines-locked">
          {t('lockedPending')}
        </p>
      ) : !editable ? (
        <p className="mt-4 text-sm text-slate-600">{t('readOnly')}</p>
      ) : null}

      {data.lines.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('noLines')}</p>
      ) : (
        <table className="mt-4 w-full border-collapse text-left" data-testid="lines-table">
          <thead>
            <tr className="border-b border-slate-200 text-sm text-slate-600">
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('columns.description')}
              </th>
              <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">
                {t('columns.kind')}
              </th>
              <th scope="col" className="hidden py-2 pr-3 text-right font-medium sm:table-cell">
                {t('columns.quantity')}
              </th>
              <th scope="col" className="hidden py-2 pr-3 text-right font-medium sm:table-cell">
                {t('columns.unit')}
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                {t('columns.total')}
              </th>
              {canChangeLines ? (
                <th scope="col" className="py-2 pl-2">
                  <span className="sr-only">{t('columns.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {data.lines.map((l) => (
              <tr key={l.id} className="border-b border-slate-100 align-top" data-testid="line-row">
                <td className="py-2 pr-3">
                  <span className="font-medium break-words">{l.description}</span>
                  <span className="block text-sm text-slate-600 sm:hidden">
                    {t('lineMeta', {
                      kind: t(`kind.${l.kind}`),
                      quantity: l.quantity,
                      unit: money(l.unitMinor),
                    })}
                  </span>
                  {l.createdByName ? (
                    <span className="block text-xs text-slate-600">
                      {t('addedBy', { name: l.createdByName })}
                    </span>
                  ) : null}
                </td>
                <td className="hidden py-2 pr-3 sm:table-cell">{t(`kind.${l.kind}`)}</td>
                <td className="hidden py-2 pr-3 text-right tabular-nums sm:table-cell">{l.quantity}</td>
                <td className="hidden py-2 pr-3 text-right tabular-nums sm:table-cell">
                  {money(l.unitMinor)}
                </td>
                <td className="py-2 text-right font-medium whitespace-nowrap tabular-nums">
                  {money(l.totalMinor)}
                </td>
                {canChangeLines ? (
                  <td className="py-1 pl-2 text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={t('removeLabel', { description: l.description })}
                      title={t('remove')}
                      onClick={() => setRemoving(l)}
                      data-testid="line-remove"
                    >
                      <Trash2 className="size-4" aria-hidden />
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <dl className="mt-4 space-y-1 text-slate-800" data-testid="lines-totals">
        {data.surchargeMinor !== 0 ? (
          <div className="flex justify-between gap-4">
            <dt>{t('surcharge')}</dt>
            <dd className="whitespace-nowrap tabular-nums">{money(data.surchargeMinor)}</dd>
          </div>
        ) : null}
        <div className="flex justify-between gap-4 text-lg font-semibold">
          <dt>{t('total')}</dt>
          <dd className="whitespace-nowrap tabular-nums" data-testid="lines-total">
            {money(data.totalMinor)}
          </dd>
        </div>
        <div className="flex justify-between gap-4 text-sm text-slate-600">
          <dt>{t('vatIncluded', { rate: data.vatRateBp / 100 })}</dt>
          <dd className="whitespace-nowrap tabular-nums">{money(data.vatMinor)}</dd>
        </div>
        <div className="flex justify-between gap-4 border-t border-slate-200 pt-2">
          <dt>{t('agreed')}</dt>
          <dd className="whitespace-nowrap tabular-nums" data-testid="lines-agreed">
            {money(data.agreedTotalMinor)}
          </dd>
        </div>
        {data.differenceMinor !== 0 ? (
          <div className="flex justify-between gap-4 font-medium">
            <dt>{t('difference')}</dt>
            <dd
              className={cn(
                'whitespace-nowrap tabular-nums',
                data.differenceMinor > 0 ? 'text-amber-800' : 'text-emerald-800',
              )}
              data-testid="lines-difference"
            >
              {signed(data.differenceMinor)}
            </dd>
          </div>
        ) : null}
      </dl>

      {canChangeLines ? <AddLineForm data={data} onAdded={onChange} /> : null}
      {editable ? <SendQuote data={data} onSent={onChange} /> : null}
      <QuoteHistory data={data} editable={editable} onChange={onChange} />

      <Dialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open && !busy) setRemoving(null);
        }}
        title={t('removeTitle')}
        description={
          removing
            ? t('removeText', { description: removing.description, total: money(removing.totalMinor) })
            : undefined
        }
        closeLabel={t('close')}
      >
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setRemoving(null)} disabled={busy}>
            {t('keep')}
          </Button>
          <Button
            variant="danger"
            loading={busy}
            onClick={() => removing && void remove(removing)}
            data-testid="line-remove-confirm"
          >
            {t('removeConfirm')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function AddLineForm({ data, onAdded }: { data: OrderLines; onAdded: (next: OrderLines) => unknown }) {
  const t = useTranslations('quotes');
  const toast = useToast();
  const id = useId();
  const digits = currencyMinorDigits(data.currency);
  const [kind, setKind] = useState<'part' | 'labour'>('part');
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const max = formatMoney(MAX_UNIT_MINOR, data.currency);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const unitMinor = parseMoneyInput(unit, digits, MAX_UNIT_MINOR);
    const local: FieldErrors = {};
    if (unitMinor === null) local.unitMinor = t('unitInvalid', { max });
    if (!description.trim()) local.description = t('descriptionRequired');
    const qty = Number(quantity);
    if (!Number.isInteger(qty) || qty < 1 || qty > 99) local.quantity = t('quantityInvalid');
    setErrors(local);
    if (unitMinor === null || Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const res = await api.staff.orders[':id'].lines.$post({
        param: { id: data.orderId },
        json: { kind, description, quantity: qty, unitMinor },
      });
      if (res.ok) {
        onAdded(await res.json());
        setDescription('');
        setQuantity('1');
        setUnit('');
        setErrors({});
        toast({ tone: 'success', title: t('added') });
      } else {
        const problem = await readProblem(res);
        setErrors(fieldErrors(problem));
        if (!problem.errors?.length)
          toast({ tone: 'error', title: t('addFailed'), description: problem.detail });
      }
    } finally {
      setBusy(false);
    }
  }

  const invalid = (k: keyof FieldErrors) =>
    errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${k}-error` } : {};

  return (
    <form
      className="mt-6 rounded-xl border border-slate-200 p-4"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="add-line-form"
    >
      <h3 id={`${id}-title`} className="font-semibold">
        {t('addTitle')}
      </h3>
      <div className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,8rem)_minmax(0,1fr)] lg:grid-cols-[8rem_minmax(0,1fr)_6rem_9rem]">
        <Field id={`${id}-kind`} label={t('kindLabel')} error={errors.kind}>
          <Select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as 'part' | 'labour')}
            data-testid="line-kind"
            {...invalid('kind')}
          >
            <option value="part">{t('kind.part')}</option>
            <option value="labour">{t('kind.labour')}</option>
          </Select>
        </Field>
        <Field id={`${id}-description`} label={t('descriptionLabel')} error={errors.description} required>
          <Input
            id={`${id}-description`}
            value={description}
            maxLength={200}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="line-description"
            {...invalid('description')}
          />
        </Field>
        <Field id={`${id}-quantity`} label={t('quantityLabel')} error={errors.quantity} required>
          <Input
            id={`${id}-quantity`}
            type="number"
            inputMode="numeric"
            min={1}
            max={99}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            data-testid="line-quantity"
            {...invalid('quantity')}
          />
        </Field>
        <Field
          id={`${id}-unitMinor`}
          label={t('unitLabel', { currency: data.currency })}
          error={errors.unitMinor}
          required
        >
          <Input
            id={`${id}-unitMinor`}
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
            data-testid="line-unit"
            {...invalid('unitMinor')}
          />
        </Field>
      </div>
      <Button type="submit" className="mt-4" loading={busy} data-testid="line-add">
        <Plus className="size-5" aria-hidden />
        {t('addSubmit')}
      </Button>
    </form>
  );
}

function SendQuote({ data, onSent }: { data: OrderLines; onSent: (next: OrderLines) => unknown }) {
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

function QuoteHistory({
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
