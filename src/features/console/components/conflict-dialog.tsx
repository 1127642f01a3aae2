'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, Select, Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { removeFromOutbox, type OutboxItem } from '@/features/offline/components';
import { allowedTransitions, canTransition, type RepairStatus, type StaffRole } from '@/features/repairs';
import { useStatusLabel } from '@/features/repairs/components';
import {
  changeKind,
  itemBody,
  itemReference,
  itemTargetStatus,
  retryOnTop,
  theirState,
} from './console-outbox';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/**
 * A queued change the server refused: for a VERSION_CONFLICT both versions side by side (theirs:
 * the order as it is now; mine: the change waiting here) and the choice - apply mine on top
 * (when the state machine still allows it from their state), keep theirs (mine is discarded),
 * or edit mine. For another refusal, the server's reason with edit and discard. Nothing is
 * sent over the other change without the author choosing so.
 */
export function ConflictDialog({
  item,
  role,
  userId,
  onClose,
  onResolved,
}: {
  item: OutboxItem;
  role: StaffRole;
  userId: string;
  onClose: () => void;
  /** `requeued`: the change waits again (apply on top, edit) and should be sent now */
  onResolved: (requeued: boolean) => void;
}) {
  const t = useTranslations('staff.offline.conflict');
  const tActions = useTranslations('staff.actions');
  const tStaff = useTranslations('staff');
  const format = useFormatter();
  const statusLabel = useStatusLabel('staff');
  const toast = useToast();
  const id = useId();
  const kind = changeKind(item);
  const body = itemBody(item);
  const theirs = theirState(item);
  const reference = itemReference(item);
  const target = itemTargetStatus(item);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);

  // what "apply mine on top" would do, and whether the state machine allows it from theirs
  const applicable = !theirs
    ? true
    : kind === 'intake'
      ? theirs.status === 'booked'
      : kind === 'status' && target
        ? canTransition(theirs.status, target, role)
        : true;

  async function applyMine() {
    setBusy(true);
    await retryOnTop(item, theirs?.version ?? null);
    toast({ tone: 'success', title: t('applied') });
    onResolved(true);
  }

  async function keepTheirs() {
    setBusy(true);
    await removeFromOutbox(item.id);
    toast({ tone: 'success', title: t('kept') });
    onResolved(false);
  }

  const detail = (item.lastError?.body as { detail?: string } | null)?.detail ?? '';
  const isConflict = item.state === 'conflict' && theirs !== null;
  const assigned = (who: string | null) =>
    who === null ? tStaff('unassigned') : who === userId ? t('assignedMe') : t('assignedSomeone');

  return (
    <Dialog
      open
      wide
      onOpenChange={(o) => !o && onClose()}
      title={editing ? t('editTitle') : isConflict ? t('title') : t('failedTitle')}
      description={
        editing ? item.label : isConflict ? t('text', { reference }) : t('failedText', { reference, detail })
      }
      closeLabel={tActions('close')}
    >
      {editing ? (
        <EditForm
          item={item}
          from={theirs?.status ?? null}
          role={role}
          onCancel={() => setEditing(false)}
          onSaved={() => onResolved(true)}
          idPrefix={id}
        />
      ) : (
        <div data-testid="conflict-dialog">
          <div className="grid gap-3 sm:grid-cols-2">
            {theirs ? (
              <section
                aria-labelledby={`${id}-theirs`}
                className="rounded-xl border border-slate-300 bg-slate-50 p-3"
                data-testid="conflict-theirs"
              >
                <h3 id={`${id}-theirs`} className="font-semibold">
                  {t('theirs')}
                </h3>
                <dl className="mt-2 space-y-1 text-sm">
                  <Row label={t('status')} value={statusLabel(theirs.status)} testId="theirs-status" />
                  <Row label={t('assigned')} value={assigned(theirs.assignedTechnicianId)} />
                  <Row
                    label={t('changedAt')}
                    value={format.dateTime(new Date(theirs.updatedAt), {
                      dateStyle: 'short',
                      timeStyle: 'short',
                    })}
                  />
                  <Row label={t('version')} value={String(theirs.version)} />
                </dl>
              </section>
            ) : null}
            <section
              aria-labelledby={`${id}-mine`}
              className="rounded-xl border border-amber-300 bg-amber-50 p-3"
              data-testid="conflict-mine"
            >
              <h3 id={`${id}-mine`} className="font-semibold">
                {t('mine')}
              </h3>
              <dl className="mt-2 space-y-1 text-sm">
                {target ? <Row label={t('status')} value={statusLabel(target)} testId="mine-status" /> : null}
                {text(body.reason) ? <Row label={t('reason')} value={text(body.reason)!} /> : null}
                {text(body.qcNote) ? <Row label={t('qcNote')} value={text(body.qcNote)!} /> : null}
                {text(body.message) ? <Row label={t('message')} value={text(body.message)!} /> : null}
                {kind === 'note' && text(body.body) ? (
                  <Row label={t('note')} value={text(body.body)!} />
                ) : null}
                {kind === 'message' && text(body.body) ? (
                  <Row label={t('message')} value={text(body.body)!} />
                ) : null}
                {kind === 'intake' && text(body.conditionNotes) ? (
                  <Row label={t('conditionNotes')} value={text(body.conditionNotes)!} />
                ) : null}
                {typeof body.expectedVersion === 'number' ? (
                  <Row label={t('basedOn')} value={String(body.expectedVersion)} />
                ) : null}
              </dl>
            </section>
          </div>
          {isConflict && !applicable ? (
            <p
              id={`${id}-cannot`}
              className="mt-3 text-sm font-medium text-red-800"
              data-testid="cannot-apply"
            >
              {kind === 'intake'
                ? t('cannotApplyIntake')
                : t('cannotApply', { status: statusLabel(theirs.status), to: statusLabel(target ?? '') })}
            </p>
          ) : null}
          <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:flex-wrap sm:justify-end">
            <Button
              variant="secondary"
              onClick={() => setEditing(true)}
              disabled={busy}
              data-testid="conflict-edit"
            >
              {t('edit')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => void keepTheirs()}
              disabled={busy}
              data-testid="conflict-keep-theirs"
            >
              {t('keepTheirs')}
            </Button>
            {isConflict ? (
              <Button
                onClick={() => void applyMine()}
                disabled={busy || !applicable}
                aria-describedby={applicable ? undefined : `${id}-cannot`}
                data-testid="conflict-apply-mine"
              >
                {t('applyMine')}
              </Button>
            ) : null}
          </div>
        </div>
      )}
    </Dialog>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="font-medium text-slate-700">{label}:</dt>
      <dd className="break-words text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** "Edit": the change's form, prefilled; saving queues it again on the current version. */
function EditForm({
  item,
  from,
  role,
  onCancel,
  onSaved,
  idPrefix,
}: {
  item: OutboxItem;
  from: RepairStatus | null;
  role: StaffRole;
  onCancel: () => void;
  onSaved: () => void;
  idPrefix: string;
}) {
  const t = useTranslations('staff.offline.conflict');
  const tActions = useTranslations('staff.actions');
  const tOffline = useTranslations('staff.offline');
  const statusLabel = useStatusLabel('staff');
  const kind = changeKind(item);
  const body = itemBody(item);
  const theirs = theirState(item);
  const moves = kind === 'status' && from ? allowedTransitions(from, role).map((r) => r.to) : [];
  const initialTo = itemTargetStatus(item);
  const [to, setTo] = useState<string>(initialTo && moves.includes(initialTo) ? initialTo : (moves[0] ?? ''));
  const [values, setValues] = useState({
    reason: text(body.reason) ?? '',
    qcNote: text(body.qcNote) ?? '',
    message: text(body.message) ?? '',
    body: text(body.body) ?? '',
    conditionNotes: text(body.conditionNotes) ?? '',
  });
  const reference = itemReference(item);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const version = theirs?.version ?? null;
    const opt = (v: string) => v.trim() || undefined;
    if (kind === 'status') {
      if (!to) return;
      await retryOnTop(
        item,
        version,
        { to, reason: opt(values.reason), qcNote: opt(values.qcNote), message: opt(values.message) },
        tOffline('label.status', { reference, action: tActions(`to.${to as 'received'}`) }),
      );
    } else if (kind === 'intake') {
      await retryOnTop(item, version, { conditionNotes: values.conditionNotes });
    } else {
      await retryOnTop(
        item,
        version,
        { body: values.body },
        tOffline(`label.${kind}`, { reference, text: values.body.slice(0, 40) }),
      );
    }
    onSaved();
  }

  const field = (name: keyof typeof values, label: string, max: number) => (
    <Field id={`${idPrefix}-${name}`} label={label}>
      <Textarea
        id={`${idPrefix}-${name}`}
        value={values[name]}
        maxLength={max}
        className="min-h-16"
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        data-testid={`edit-${name}`}
      />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="conflict-edit-form">
      {kind === 'status' ? (
        moves.length === 0 ? (
          <p className="font-medium text-red-800">{t('noMoves', { status: statusLabel(from ?? '') })}</p>
        ) : (
          <>
            <Field id={`${idPrefix}-to`} label={t('editTo')}>
              <Select
                id={`${idPrefix}-to`}
                value={to}
                onChange={(e) => setTo(e.target.value)}
                data-testid="edit-to"
              >
                {moves.map((m) => (
                  <option key={m} value={m}>
                    {statusLabel(m)}
                  </option>
                ))}
              </Select>
            </Field>
            {field('reason', t('reason'), 1000)}
            {field('qcNote', t('qcNote'), 2000)}
            {field('message', t('message'), 2000)}
          </>
        )
      ) : kind === 'intake' ? (
        field('conditionNotes', t('conditionNotes'), 2000)
      ) : (
        field('body', kind === 'note' ? t('note') : t('message'), 4000)
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t('cancelEdit')}
        </Button>
        <Button type="submit" disabled={kind === 'status' && !to} data-testid="edit-save">
          {t('save')}
        </Button>
      </div>
    </form>
  );
}
