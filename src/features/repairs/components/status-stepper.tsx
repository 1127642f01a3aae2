import { useTranslations } from 'next-intl';
import { Check, X } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import type { OrderEventDto } from '../schemas';
import { useStatusLabel } from './status-label';

const MAIN = [
  'booked',
  'received',
  'diagnosing',
  'awaiting_approval',
  'repairing',
  'quality_check',
  'ready_for_collection',
  'collected',
] as const;

type StepState = 'done' | 'current' | 'upcoming' | 'cancelled';

/**
 * The main stages of a repair, with the current one marked. "Awaiting approval" appears only
 * when the repair went through it; a cancelled repair shows where it stopped, in red.
 */
export function StatusStepper({ status, timeline }: { status: string; timeline: OrderEventDto[] }) {
  const t = useTranslations('portal');
  const tStatus = useStatusLabel('customer');
  const reached = new Set(timeline.flatMap((e) => (e.toStatus ? [e.toStatus] : [])));
  const cancelled = status === 'cancelled';
  // where a cancelled repair stopped: the status it was cancelled from
  const stoppedAt = cancelled
    ? ([...timeline].reverse().find((e) => e.toStatus === 'cancelled')?.fromStatus ?? 'booked')
    : status;
  const steps = MAIN.filter(
    (s) => s !== 'awaiting_approval' || reached.has(s) || stoppedAt === 'awaiting_approval',
  );
  const at = Math.max(0, steps.indexOf(stoppedAt as (typeof MAIN)[number]));
  const stateOf = (i: number): StepState =>
    i < at
      ? 'done'
      : i === at
        ? cancelled
          ? 'cancelled'
          : status === 'collected'
            ? 'done'
            : 'current'
        : 'upcoming';

  return (
    <ol
      aria-label={t('stepperLabel')}
      className="grid gap-3 sm:grid-flow-col sm:auto-cols-fr sm:gap-2"
      data-testid="status-stepper"
    >
      {steps.map((s, i) => {
        const state = stateOf(i);
        return (
          <li
            key={s}
            aria-current={state === 'current' || state === 'cancelled' ? 'step' : undefined}
            data-state={state}
            className="flex items-center gap-3 sm:flex-col sm:items-start sm:gap-2"
          >
            <span
              aria-hidden
              className={cn(
                'flex size-7 shrink-0 items-center justify-center rounded-full border-2 text-xs font-semibold',
                state === 'done' && 'border-brand bg-brand text-brand-fg',
                state === 'current' && 'border-brand bg-white text-brand ring-4 ring-brand/20',
                state === 'upcoming' && 'border-slate-300 bg-white text-slate-500',
                state === 'cancelled' && 'border-red-700 bg-red-700 text-white',
              )}
            >
              {state === 'done' ? (
                <Check className="size-4" />
              ) : state === 'cancelled' ? (
                <X className="size-4" />
              ) : (
                i + 1
              )}
            </span>
            <span
              className={cn(
                'text-sm leading-tight',
                state === 'current' && 'font-semibold text-slate-900',
                state === 'done' && 'text-slate-800',
                state === 'upcoming' && 'text-slate-600',
                state === 'cancelled' && 'font-semibold text-red-800',
              )}
            >
              {tStatus(s)}
              {state === 'cancelled' ? (
                <span aria-hidden className="block text-xs">
                  {tStatus('cancelled')}
                </span>
              ) : null}
              <span className="sr-only">
                {' '}
                (
                {state === 'done'
                  ? t('stepDone')
                  : state === 'current'
                    ? t('stepCurrent')
                    : state === 'cancelled'
                      ? t('stepCancelled')
                      : t('stepUpcoming')}
                )
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
