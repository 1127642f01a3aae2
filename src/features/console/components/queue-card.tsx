'use client';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { ArrowRight, Ban, ClipboardCheck, Hand, ListChecks } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useSaver } from '@/components/device/saver';
import { useSwipe } from '@/components/device/use-swipe';
import { formatMoney } from '@/features/pricing';
import type { StaffOrderSummary } from '@/features/console/schemas';
import { OverdueBadge, StatusBadge, useStatusLabel } from '@/features/repairs/components';
import type { CardAction } from './card-action';

/**
 * One order of the phone queue: its details, and what a right swipe does, as a labelled button
 * too (keyboards, screen readers, people who do not swipe). A refused swipe springs back and
 * says why in the card.
 */
export function QueueCard({
  order,
  action,
  busy,
  refusal,
  now,
  onAct,
}: {
  order: StaffOrderSummary;
  action: CardAction;
  busy: boolean;
  /** why the last swipe or press was refused (shown until the next try) */
  refusal: string | null;
  now: Date;
  onAct: () => void;
}) {
  const t = useTranslations('staff');
  const tc = useTranslations('queueCards');
  const status = useStatusLabel('staff');
  const format = useFormatter();
  const { on: saver } = useSaver();
  const { state, handlers } = useSwipe({ onSwipe: onAct, disabled: busy });
  const ref = order.reference;

  const hint =
    action.kind === 'take'
      ? tc('swipe.take')
      : action.kind === 'move'
        ? tc('swipe.move', { status: status(action.to) })
        : action.kind === 'choose'
          ? tc('swipe.choose')
          : action.kind === 'note'
            ? tc('swipe.note')
            : action.kind === 'intake'
              ? tc('swipe.intake')
              : tc('swipe.refused');
  const refused = action.kind === 'refused';
  const Icon =
    action.kind === 'take'
      ? Hand
      : action.kind === 'choose'
        ? ListChecks
        : action.kind === 'note' || action.kind === 'intake'
          ? ClipboardCheck
          : refused
            ? Ban
            : ArrowRight;

  return (
    // the card may move past the screen's edge while dragged: clipped, never a sideways scroll
    <li
      className="relative overflow-hidden rounded-2xl"
      data-testid={`order-card-${ref}`}
      data-status={order.status}
    >
      {/* what the swipe will do, uncovered as the card moves */}
      <div
        aria-hidden
        className={cn(
          'absolute inset-0 flex items-center gap-2 rounded-2xl px-4 font-semibold',
          refused
            ? 'bg-slate-200 text-slate-700'
            : state.progress >= 1
              ? 'bg-emerald-600 text-white'
              : 'bg-emerald-100 text-emerald-900',
          state.dx === 0 && 'invisible',
        )}
      >
        <Icon className="size-5" />
        <span>{hint}</span>
      </div>
      <div
        {...handlers}
        className={cn(
          'relative touch-pan-y select-none rounded-2xl border bg-white p-4 shadow-sm',
          order.overdue ? 'border-red-300' : 'border-slate-200',
          !state.dragging && !saver && 'transition-transform duration-200 ease-out',
        )}
        style={{ transform: state.dx ? `translateX(${state.dx}px)` : undefined }}
        data-testid={`swipe-${ref}`}
        data-dragging={state.dragging || undefined}
      >
        <div className="flex items-start justify-between gap-3">
          <Link
            href={`/staff/orders/${ref}`}
            className="inline-flex min-h-11 items-center font-mono text-lg font-semibold text-brand underline-offset-4 hover:underline"
            draggable={false}
          >
            {ref}
          </Link>
          <span className="tabular-nums text-slate-800">
            {order.agreedTotalMinor === null ? '—' : formatMoney(order.agreedTotalMinor, order.currency)}
          </span>
        </div>
        <p className="mt-1 font-medium">{`${order.device.brandName} ${order.device.name}`.trim()}</p>
        <p className="text-slate-700">{order.customerName}</p>
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <StatusBadge status={order.status} audience="staff" />
          {order.overdue ? <OverdueBadge /> : null}
          {order.urgency !== 'standard' ? (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
              {t(`urgency.${order.urgency as 'express'}`)}
            </span>
          ) : null}
        </div>
        <p className="mt-2 text-sm text-slate-600">
          {order.assignedTechnician?.name ?? t('unassigned')} ·{' '}
          {order.shop?.name ?? t(`service.${order.serviceType}`)} ·{' '}
          {t('since', { time: format.relativeTime(new Date(order.statusEnteredAt), now) })}
        </p>

        <div className="mt-3 flex flex-wrap items-center gap-2">
          {action.kind === 'intake' ? (
            <Button asChild variant="secondary" className="min-h-11">
              <Link
                href={`/staff/orders/${ref}`}
                aria-label={tc('button.intakeLabel', { reference: ref })}
                data-testid={`card-action-${ref}`}
              >
                <ClipboardCheck className="size-4" aria-hidden />
                {tc('button.intake')}
              </Link>
            </Button>
          ) : refused ? null : (
            <Button
              variant={action.kind === 'take' ? 'secondary' : 'primary'}
              className="min-h-11"
              loading={busy}
              onClick={onAct}
              aria-label={
                action.kind === 'take'
                  ? tc('button.takeLabel', { reference: ref })
                  : action.kind === 'move'
                    ? tc('button.moveLabel', { reference: ref, status: status(action.to) })
                    : action.kind === 'choose'
                      ? tc('button.chooseLabel', { reference: ref })
                      : tc('button.noteLabel', { reference: ref, status: status(action.to) })
              }
              data-testid={`card-action-${ref}`}
            >
              <Icon className="size-4" aria-hidden />
              {action.kind === 'take'
                ? tc('button.take')
                : action.kind === 'move'
                  ? tc('button.move', { status: status(action.to) })
                  : action.kind === 'choose'
                    ? tc('button.choose')
                    : tc('button.note')}
            </Button>
          )}
        </div>
        <p
          className={cn('text-sm font-medium', refusal ? 'mt-2 text-red-800' : 'sr-only')}
          aria-live="polite"
          data-testid={`card-refusal-${ref}`}
        >
          {refusal ?? ''}
        </p>
        {refused && !refusal ? (
          <p className="mt-2 text-sm text-slate-600" data-testid={`card-why-${ref}`}>
            {action.reason === 'notYours'
              ? tc('refused.notYours', { name: action.name ?? '' })
              : tc(`refused.${action.reason}`)}
          </p>
        ) : null}
      </div>
    </li>
  );
}
