import { useFormatter, useTranslations } from 'next-intl';
import { CheckCircle2, Circle, Eye, Lock } from 'lucide-react';
import type { OrderEventDto, StaffTimelineEvent } from '../schemas';
import { useStatusLabel } from './status-label';

/** Event types staff have words for (anything else is shown by its type). */
const STAFF_TYPES = new Set([
  'created',
  'note',
  'message',
  'assigned',
  'intake',
  'passcode_viewed',
  'line_added',
  'line_removed',
  'quote_sent',
  'quote_approved',
  'quote_declined',
  'photo_added',
  'payment_received',
  'payment_refunded',
  'payment_failed',
]);

export type OrderTimelineProps =
  /**
   * What the customer sees (portal, tracking link): customer-visible events, oldest first;
   * messages are left to the thread (OrderMessages)
   */
  | { audience: 'customer'; events: OrderEventDto[]; timeZone: string; testId?: string }
  /** Staff see every event, internal ones marked, with who did it and the details */
  | { audience: 'staff'; events: StaffTimelineEvent[]; timeZone: string };

interface Entry {
  id: number;
  type: string;
  title: string;
  message: string | null;
  details: string[];
  at: string;
  who: string | null;
  internal: boolean;
}

/** What happened to a repair, oldest first, with times in the shop's time zone. */
export function OrderTimeline(props: OrderTimelineProps) {
  const tPortal = useTranslations('portal');
  const tStaff = useTranslations('staff');
  const status = useStatusLabel(props.audience);
  const format = useFormatter();
  const staff = props.audience === 'staff';

  const entries: Entry[] = staff
    ? props.events.map((e) => {
        const d = e.data ?? {};
        const details: string[] = [];
        if (typeof d.qcNote === 'string') details.push(tStaff('timeline.qcNote', { note: d.qcNote }));
        if (e.type === 'status_changed' && typeof d.undoneAt === 'string')
          details.push(tStaff('timeline.undone'));
        if (e.type === 'intake') {
          const accessories = Array.isArray(d.accessories) ? (d.accessories as string[]) : [];
          details.push(
            tStaff('timeline.accessories', {
              list: accessories.length ? accessories.join(', ') : tStaff('intake.noAccessories'),
            }),
          );
          if (typeof d.passcodePolicy === 'string') {
            details.push(
              tStaff('timeline.policy', { policy: tStaff(`intake.policy.${d.passcodePolicy as 'none'}`) }),
            );
          }
          if (typeof d.imeiSerial === 'string')
            details.push(tStaff('timeline.imei', { value: d.imeiSerial }));
        }
        const title =
          e.type === 'status_changed' && e.toStatus
            ? tStaff('timeline.type.status_changed', { to: status(e.toStatus) })
            : e.type === 'status_undone' && e.toStatus
              ? tStaff('timeline.type.status_undone', { to: status(e.toStatus) })
              : e.type === 'rated' && typeof d.score === 'number'
                ? tStaff('timeline.type.rated', { score: d.score })
                : STAFF_TYPES.has(e.type)
                  ? tStaff(`timeline.type.${e.type as 'note'}`)
                  : tStaff('timeline.type.other', { type: e.type });
        return {
          id: e.id,
          type: e.type,
          title,
          message: e.message,
          details,
          at: e.at,
          who: tStaff('timeline.by', { actor: e.actor }),
          internal: e.visibility === 'internal',
        };
      })
    : props.events
        .filter((e) => e.type !== 'message')
        .map((e) => ({
          id: e.id,
          type: e.type,
          title:
            e.type === 'status_changed' || e.type === 'created'
              ? e.toStatus
                ? status(e.toStatus)
                : tPortal('event.created')
              : tPortal.has(`event.${e.type}`)
                ? tPortal(`event.${e.type}` as 'event.other')
                : tPortal('event.other'),
          message: e.message,
          details: [],
          at: e.at,
          who: e.actor.role === 'staff' && e.actor.name ? tPortal('by', { name: e.actor.name }) : null,
          internal: false,
        }));

  if (entries.length === 0) {
    return (
      <p className={staff ? 'text-slate-700' : 'mt-3 text-slate-700'}>
        {staff ? tStaff('timeline.empty') : tPortal('timelineEmpty')}
      </p>
    );
  }

  const when = (at: string) => (
    <time dateTime={at}>
      {format.dateTime(new Date(at), { dateStyle: 'medium', timeStyle: 'short', timeZone: props.timeZone })}
    </time>
  );

  if (staff) {
    return (
      <ol className="space-y-3" data-testid="staff-timeline">
        {entries.map((e) => (
          <li
            key={e.id}
            className={`rounded-xl border p-3 ${e.internal ? 'border-amber-200 bg-amber-50/60' : 'border-slate-200 bg-white'}`}
            data-testid={`timeline-event-${e.type}`}
            data-visibility={e.internal ? 'internal' : 'customer'}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-semibold">{e.title}</p>
              {e.internal ? (
                <span className="inline-flex items-center gap-1 rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-950">
                  <Lock className="size-3.5" aria-hidden />
                  {tStaff('timeline.internal')}
                </span>
              ) : (
                <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">
                  <Eye className="size-3.5" aria-hidden />
                  {tStaff('timeline.customer')}
                </span>
              )}
            </div>
            {e.message ? (
              <p className="mt-1 whitespace-pre-line break-words text-slate-800">{e.message}</p>
            ) : null}
            {e.details.map((line) => (
              <p key={line} className="mt-0.5 text-sm text-slate-700">
                {line}
              </p>
            ))}
            <p className="mt-1 text-sm text-slate-600">
              {e.who} · {when(e.at)}
            </p>
          </li>
        ))}
      </ol>
    );
  }

  return (
    <ol className="mt-4 space-y-4" data-testid={props.testId ?? 'order-timeline'}>
      {entries.map((e, i) => (
        <li key={e.id} className="flex gap-3" data-type={e.type}>
          {i === entries.length - 1 ? (
            <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
          ) : (
            <Circle className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden />
          )}
          <div className="min-w-0">
            <p className="font-medium">{e.title}</p>
            {e.message ? <p className="break-words whitespace-pre-line text-slate-700">{e.message}</p> : null}
            <p className="text-sm text-slate-600">
              {when(e.at)}
              {e.who ? ` · ${e.who}` : null}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
