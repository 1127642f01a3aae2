'use client';
import { useTranslations } from 'next-intl';
import { useStatusLabel } from '@/features/repairs/components';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { readProblem, type ProblemBody } from '@/components/api-problem';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { allowedTransitions, REPAIR_STATUSES, type RepairStatus, type StaffRole } from '@/features/repairs';
import type { AllowedTransition } from '@/features/repairs/schemas';
import { errorProps, fieldErrors } from './problem-fields';
import { submitChange } from './console-outbox';
import { pendingStatus, useOrderPending } from './order-pending';

/**
 * The status changes the caller may make from here (as the server computed them). Changes that
 * need a reason or a QC note, and cancelling, open a dialog; the others happen at once.
 * Offline (or when the request cannot get through) a change waits in the outbox with the version
 * it was based on; the buttons then offer the moves from the status it will have.
 */
export function OrderStatusActions({
  orderId,
  reference,
  status: serverStatus,
  version,
  transitions: serverTransitions,
  headingId,
  role,
  userId,
}: {
  orderId: string;
  reference: string;
  status: RepairStatus;
  /** the order version this page shows: changes are based on it */
  version: number;
  transitions: AllowedTransition[];
  /** focused after a change, when the buttons have been replaced */
  headingId: string;
  role: StaffRole;
  userId: string;
}) {
  const t = useTranslations('staff');
  const tOffline = useTranslations('staff.offline');
  const statusLabel = useStatusLabel('staff');
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [open, setOpen] = useState<AllowedTransition | null>(null);
  const [busy, setBusy] = useState<RepairStatus | null>(null);
  const [problem, setProblem] = useState<ProblemBody | null>(null);
  const [values, setValues] = useState({ reason: '', qcNote: '', message: '' });
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const qcRef = useRef<HTMLTextAreaElement>(null);
  const waitingStatus = pendingStatus(useOrderPending(orderId));
  const status = waitingStatus ?? serverStatus;
  const transitions: AllowedTransition[] = waitingStatus
    ? allowedTransitions(waitingStatus, role).map((r) => ({ to: r.to, requires: [...(r.requires ?? [])] }))
    : serverTransitions;

  // booked -> received happens through the intake form
  const shown = transitions.filter((tr) => !(status === 'booked' && tr.to === 'received'));
  const forward = shown.filter((tr) => tr.to !== 'cancelled');
  const cancel = shown.find((tr) => tr.to === 'cancelled');
  const label = (to: RepairStatus) =>
    REPAIR_STATUSES.indexOf(to) < REPAIR_STATUSES.indexOf(status) && to !== 'cancelled'
      ? t('actions.back', { status: statusLabel(to) })
      : t(`actions.to.${to}`);

  async function submit(tr: AllowedTransition, body: { reason?: string; qcNote?: string; message?: string }) {
    setBusy(tr.to);
    setProblem(null);
    const result = await submitChange({
      kind: 'status',
      orderId,
      reference,
      body: { to: tr.to, ...body, expectedVersion: version },
      label: tOffline('label.status', { reference, action: label(tr.to) }),
      authorId: userId,
    }).catch(() => null);
    setBusy(null);
    if (!result || result.outcome === 'unreachable') return;
    if (result.outcome === 'queued') {
      setOpen(null);
      setValues({ reason: '', qcNote: '', message: '' });
      toast({ tone: 'info', title: tOffline('queuedTitle'), description: tOffline('queued') });
      document.getElementById(headingId)?.focus();
      return;
    }
    const res = result.response;
    if (!res.ok) {
      const p = await readProblem(res as unknown as Response);
      if (!open && (tr.to === 'cancelled' || tr.requires.length > 0 || p.errors?.length)) {
        setOpen(tr);
      }
      setProblem(p);
      const errs = fieldErrors(p);
      if (errs.reason) reasonRef.current?.focus();
      else if (errs.qcNote) qcRef.current?.focus();
      if (!p.errors?.length) toast({ tone: 'error', title: t('actions.failed'), description: p.detail });
      // someone else changed the order meanwhile: show it as it is now (nothing was overwritten)
      if (p.code === 'VERSION_CONFLICT') {
        setOpen(null);
        router.refresh();
      }
      return;
    }
    setOpen(null);
    setValues({ reason: '', qcNote: '', message: '' });
    toast({ tone: 'success', title: t('actions.done', { status: statusLabel(tr.to) }) });
    router.refresh();
    document.getElementById(headingId)?.focus();
  }

  function start(tr: AllowedTransition) {
    setProblem(null);
    if (tr.to === 'cancelled' || tr.requires.length > 0) {
      setValues({ reason: '', qcNote: '', message: '' });
      setOpen(tr);
    } else {
      void submit(tr, {});
    }
  }

  function onDialogSubmit(e: FormEvent) {
    e.preventDefault();
    if (!open) return;
    void submit(open, {
      reason: values.reason.trim() || undefined,
      qcNote: values.qcNote.trim() || undefined,
      message: values.message.trim() || undefined,
    });
  }

  const errs = fieldErrors(problem);
  const isCancel = open?.to === 'cancelled';
  const needsReason = !!open?.requires.includes('reason');
  const needsQc = !!open?.requires.includes('qc_note');

  if (shown.length === 0) return null;
  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {forward.map((tr) => (
          <Button
            key={tr.to}
            variant={
              REPAIR_STATUSES.indexOf(tr.to) < REPAIR_STATUSES.indexOf(status) ? 'secondary' : 'primary'
            }
            loading={busy === tr.to}
            disabled={busy !== null}
            onClick={() => start(tr)}
            data-testid={`move-${tr.to}`}
          >
            {label(tr.to)}
          </Button>
        ))}
        {cancel ? (
          <Button
            variant="danger"
            disabled={busy !== null}
            onClick={() => start(cancel)}
            data-testid="move-cancelled"
            className="sm:ml-auto"
          >
            {t('actions.to.cancelled')}
          </Button>
        ) : null}
      </div>

      <Dialog
        open={open !== null}
        onOpenChange={(o) => {
          if (!o) {
            setOpen(null);
            setProblem(null);
          }
        }}
        title={isCancel ? t('actions.cancelTitle') : open ? label(open.to) : ''}
        description={
          isCancel
            ? t('actions.cancelText')
            : open
              ? t('actions.dialogText', { from: statusLabel(status), to: statusLabel(open.to) })
              : undefined
        }
        closeLabel={t('actions.close')}
      >
        <form onSubmit={onDialogSubmit} noValidate className="space-y-4" data-testid="status-dialog">
          {needsReason || isCancel ? (
            <Field
              id={`${id}-reason`}
              label={t('actions.reason')}
              hint={t('actions.reasonHint')}
              error={errs.reason}
              required={needsReason}
            >
              <Textarea
                ref={reasonRef}
                id={`${id}-reason`}
                value={values.reason}
                maxLength={1000}
                required={needsReason}
                onChange={(e) => setValues((v) => ({ ...v, reason: e.target.value }))}
                data-testid="status-reason"
                {...errorProps(`${id}-reason`, errs.reason, true)}
              />
            </Field>
          ) : null}
          {needsQc ? (
            <Field
              id={`${id}-qc`}
              label={t('actions.qcNote')}
              hint={t('actions.qcNoteHint')}
              error={errs.qcNote}
              required
            >
              <Textarea
                ref={qcRef}
                id={`${id}-qc`}
                value={values.qcNote}
                maxLength={2000}
                required
                onChange={(e) => setValues((v) => ({ ...v, qcNote: e.target.value }))}
                data-testid="status-qc-note"
                {...errorProps(`${id}-qc`, errs.qcNote, true)}
              />
            </Field>
          ) : null}
          {isCancel ? null : (
            <Field
              id={`${id}-message`}
              label={t('actions.message')}
              hint={t('actions.messageHint')}
              error={errs.message}
            >
              <Textarea
                id={`${id}-message`}
                value={values.message}
                maxLength={2000}
                className="min-h-16"
                onChange={(e) => setValues((v) => ({ ...v, message: e.target.value }))}
                {...errorProps(`${id}-message`, errs.message, true)}
              />
            </Field>
          )}
          {problem && !problem.errors?.length ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {problem.detail}
            </p>
          ) : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" onClick={() => setOpen(null)}>
              {t('actions.keep')}
            </Button>
            <Button
              type="submit"
              variant={isCancel ? 'danger' : 'primary'}
              loading={busy !== null}
              data-testid="status-confirm"
            >
              {isCancel ? t('actions.confirmCancel') : t('actions.confirm')}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
