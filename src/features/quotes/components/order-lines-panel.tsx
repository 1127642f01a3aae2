'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import useSWR from 'swr';
import { Trash2 } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { quotesClient as api } from './api-client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/features/pricing';
import { useLiveSignal } from '@/features/live/components';
import type { OrderLine, OrderLines } from '../schemas';
import { AddLineForm } from './add-line-form';
import { QuoteHistory, SendQuote } from './revised-quote-forms';

/** SWR key of an order's lines: revalidate it (e.g. on a live update) with `mutate(orderLinesKey(id))`. */
export const orderLinesKey = (orderId: string) => ['order-lines', orderId] as const;

/**
 * Events that change the panel: its lines, the quotes (sent, decided, withdrawn: the agreed
 * total, the lock on the lines and so the add-line form), the status (lines lock in a final
 * one) and the assignment (who may edit).
 */
const LIVE_TYPES = [
  'line_added',
  'line_removed',
  'quote_sent',
  'quote_approved',
  'quote_declined',
  'quote_withdrawn',
  'status_changed',
  'assigned',
];

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
  // the page's live stream (LiveRefresh) re-renders the server parts; this panel keeps its own data
  useLiveSignal(LIVE_TYPES, () => void mutate());

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
