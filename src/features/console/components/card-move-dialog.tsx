'use client';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, Textarea } from '@/components/ui/input';
import type { RepairStatus } from '@/features/repairs';
import type { StaffOrderSummary } from '@/features/console/schemas';
import { useStatusLabel } from '@/features/repairs/components';
import { errorProps } from './problem-fields';

export type CardDialog =
  | { kind: 'choose'; order: StaffOrderSummary; options: RepairStatus[]; error?: string }
  | { kind: 'note'; order: StaffOrderSummary; to: RepairStatus; error?: string };

/**
 * What a swipe could not decide alone: which of two next steps (after diagnosis), or the QC
 * note that "ready for collection" needs. Nothing moves until the person confirms here.
 * Keyed by its order and kind by the caller, so every new question starts empty.
 */
export function CardMoveDialog({
  dialog,
  busy,
  onClose,
  onMove,
}: {
  dialog: CardDialog | null;
  busy: boolean;
  onClose: () => void;
  onMove: (order: StaffOrderSummary, to: RepairStatus, qcNote?: string) => void;
}) {
  const tc = useTranslations('queueCards.dialog');
  const status = useStatusLabel('staff');
  const id = useId();
  const [note, setNote] = useState('');
  const [empty, setEmpty] = useState(false);
  const ref = dialog?.order.reference ?? '';

  function submitNote(e: FormEvent) {
    e.preventDefault();
    if (dialog?.kind !== 'note') return;
    if (!note.trim()) {
      setEmpty(true);
      return;
    }
    onMove(dialog.order, dialog.to, note.trim());
  }

  const error = empty ? tc('noteRequired') : (dialog?.error ?? null);
  return (
    <Dialog
      open={dialog !== null}
      onOpenChange={(o) => (!o ? onClose() : undefined)}
      title={
        dialog?.kind === 'choose'
          ? tc('chooseTitle', { reference: ref })
          : tc('noteTitle', { reference: ref, status: dialog ? status(dialog.to) : '' })
      }
      description={
        dialog?.kind === 'choose' ? tc('chooseText', { status: status(dialog.order.status) }) : tc('noteText')
      }
      closeLabel={tc('close')}
    >
      {dialog?.kind === 'choose' ? (
        <div className="flex flex-col gap-2" data-testid="card-choose">
          {dialog.options.map((to) => (
            <Button
              key={to}
              variant={to === dialog.options[0] ? 'primary' : 'secondary'}
              className="min-h-11 justify-start"
              disabled={busy}
              onClick={() => onMove(dialog.order, to)}
              data-testid={`card-choose-${to}`}
            >
              {tc('moveTo', { status: status(to) })}
            </Button>
          ))}
          {dialog.error ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {dialog.error}
            </p>
          ) : null}
          <Button variant="ghost" className="min-h-11" onClick={onClose}>
            {tc('keep')}
          </Button>
        </div>
      ) : dialog?.kind === 'note' ? (
        <form onSubmit={submitNote} noValidate className="space-y-4" data-testid="card-note">
          <Field id={`${id}-qc`} label={tc('note')} hint={tc('noteHint')} error={error} required>
            <Textarea
              id={`${id}-qc`}
              value={note}
              maxLength={2000}
              required
              onChange={(e) => setNote(e.target.value)}
              data-testid="card-qc-note"
              {...errorProps(`${id}-qc`, error ?? undefined, true)}
            />
          </Field>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc('keep')}
            </Button>
            <Button type="submit" loading={busy} data-testid="card-note-confirm">
              {tc('moveTo', { status: status(dialog.to) })}
            </Button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
