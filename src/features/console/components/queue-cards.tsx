'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState } from 'react';
import type { ProblemBody } from '@/components/api-problem';
import type { StaffRole, RepairStatus } from '@/features/repairs';
import type { StaffOrderSummary } from '@/features/console/schemas';
import { useStatusLabel } from '@/features/repairs/components';
import { cardAction, type CardAction } from './card-action';
import { moveOrder, releaseOrder, takeOrder, undoMove, unqueueMove } from './card-requests';
import { CardMoveDialog, type CardDialog } from './card-move-dialog';
import { QueueCard } from './queue-card';
import { UndoToast, type UndoToastItem } from './undo-toast';

/**
 * The staff queue on phones: swipeable cards (below md; the table stays on wider screens).
 * A swipe right, or the card's button, takes an unassigned job or moves the order one step on;
 * a toast then offers Undo for a few seconds (the server's undo for a move, unassigning for a
 * take, taking a queued offline move back out of the outbox).
 */
export function QueueCards({
  items,
  now,
  me,
}: {
  items: StaffOrderSummary[];
  now: Date;
  me: { id: string; role: StaffRole };
}) {
  const tc = useTranslations('queueCards');
  const tOffline = useTranslations('staff.offline');
  const tActions = useTranslations('staff.actions');
  const status = useStatusLabel('staff');
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [dialog, setDialog] = useState<CardDialog | null>(null);
  const [toast, setToast] = useState<UndoToastItem | null>(null);
  const [undoing, setUndoing] = useState(false);

  const refuse = (ref: string, why: string) => setRefusals((r) => ({ ...r, [ref]: why }));
  const clear = (ref: string) =>
    setRefusals((r) => {
      const { [ref]: _gone, ...rest } = r;
      return rest;
    });
  const problemText = (p: ProblemBody) =>
    p.code === 'OFFLINE' ? tc('refused.offline') : (p.errors?.[0]?.message ?? p.detail);

  const toastSeq = useRef(0);
  function show(text: string, onUndo?: () => void, tone: 'info' | 'error' = 'info') {
    toastSeq.current += 1;
    setToast({ key: String(toastSeq.current), text, onUndo, tone });
  }
  const closeToast = useCallback(() => setToast(null), []);

  async function runUndo(ref: string, undo: () => Promise<{ ok: boolean; text: string }>) {
    setUndoing(true);
    const { ok, text } = await undo().catch(() => ({ ok: false, text: tc('toast.undoFailed') }));
    setUndoing(false);
    show(text, undefined, ok ? 'info' : 'error');
    if (!ok) refuse(ref, text);
    router.refresh();
  }

  async function move(order: StaffOrderSummary, to: RepairStatus, qcNote?: string) {
    const ref = order.reference;
    setBusy(ref);
    const result = await moveOrder({
      orderId: order.id,
      reference: ref,
      to,
      version: order.version,
      qcNote,
      label: tOffline('label.status', { reference: ref, action: tActions(`to.${to}`) }),
      userId: me.id,
    });
    setBusy(null);
    if (result.kind === 'refused') {
      const why = problemText(result.problem);
      if (dialog && result.problem.errors?.length) {
        setDialog({ ...dialog, error: why });
        return;
      }
      setDialog(null);
      refuse(ref, why);
      router.refresh();
      return;
    }
    setDialog(null);
    if (result.kind === 'unreachable') {
      refuse(ref, tc('refused.offline'));
      return;
    }
    if (result.kind === 'queued') {
      const itemId = result.itemId;
      show(
        tc('toast.queued', { reference: ref, status: status(to) }),
        () =>
          void runUndo(ref, async () =>
            (await unqueueMove(itemId))
              ? { ok: true, text: tc('toast.unqueued', { reference: ref }) }
              : { ok: false, text: tc('toast.undoFailed') },
          ),
      );
      return;
    }
    const { undo } = result.state;
    show(
      tc('toast.moved', { reference: ref, status: status(to) }),
      undo
        ? () =>
            void runUndo(ref, async () => {
              const back = await undoMove(order.id, undo.eventId, tc('refused.offline'));
              return back.kind === 'done'
                ? {
                    ok: true,
                    text: tc('toast.undone', { reference: ref, status: status(back.state.status) }),
                  }
                : {
                    ok: false,
                    text: back.kind === 'refused' ? problemText(back.problem) : tc('toast.undoFailed'),
                  };
            })
        : undefined,
    );
    router.refresh();
  }

  async function take(order: StaffOrderSummary) {
    const ref = order.reference;
    setBusy(ref);
    const result = await takeOrder(order.id, me.id, order.version, tc('refused.offlineTake'));
    setBusy(null);
    if (result.kind !== 'done') {
      refuse(ref, result.kind === 'refused' ? problemText(result.problem) : tc('refused.offlineTake'));
      router.refresh();
      return;
    }
    const taken = result.state;
    show(
      tc('toast.taken', { reference: ref }),
      () =>
        void runUndo(ref, async () => {
          const back = await releaseOrder(order.id, taken.version, tc('refused.offline'));
          return back.kind === 'done'
            ? { ok: true, text: tc('toast.released', { reference: ref }) }
            : {
                ok: false,
                text: back.kind === 'refused' ? problemText(back.problem) : tc('toast.undoFailed'),
              };
        }),
    );
    router.refresh();
  }

  function act(order: StaffOrderSummary, action: CardAction) {
    const ref = order.reference;
    clear(ref);
    switch (action.kind) {
      case 'take':
        return void take(order);
      case 'move':
        return void move(order, action.to);
      case 'choose':
        return setDialog({ kind: 'choose', order, options: action.options });
      case 'note':
        return setDialog({ kind: 'note', order, to: action.to });
      case 'intake':
        return refuse(ref, tc('refused.intake'));
      case 'refused':
        return refuse(
          ref,
          action.reason === 'notYours'
            ? tc('refused.notYours', { name: action.name ?? '' })
            : tc(`refused.${action.reason}`),
        );
    }
  }

  return (
    <>
      <p className="mb-2 text-sm text-slate-600 md:hidden" id="queue-swipe-hint">
        {tc('hint')}
      </p>
      <ul className="space-y-3 md:hidden" data-testid="orders-cards" aria-describedby="queue-swipe-hint">
        {items.map((o) => {
          const action = cardAction(o, me);
          return (
            <QueueCard
              key={o.id}
              order={o}
              action={action}
              busy={busy === o.reference}
              refusal={refusals[o.reference] ?? null}
              now={now}
              onAct={() => act(o, action)}
            />
          );
        })}
      </ul>
      <CardMoveDialog
        key={dialog ? `${dialog.order.id}:${dialog.kind}` : 'none'}
        dialog={dialog}
        busy={busy !== null}
        onClose={() => setDialog(null)}
        onMove={(order, to, qcNote) => void move(order, to, qcNote)}
      />
      <UndoToast item={toast} busy={undoing} onClose={closeToast} />
    </>
  );
}
