import { useFormatter, useTranslations } from 'next-intl';
import { Eye, Lock } from 'lucide-react';
import type { StaffTimelineEvent } from '../../schemas';

const KNOWN_TYPES = new Set([
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

/** Every event of the order, internal ones marked, with who did it and when (shop time). */
export function OrderTimeline({ events, timeZone }: { events: StaffTimelineEvent[]; timeZone: string }) {
  const t = useTranslations('staff');
  const format = useFormatter();
  if (events.length === 0) return <p className="text-slate-700">{t('timeline.empty')}</p>;

  const title = (e: StaffTimelineEvent) => {
    if (e.type === 'status_changed' && e.toStatus) {
      return t('timeline.type.status_changed', { to: t(`status.${e.toStatus as 'booked'}`) });
    }
    return KNOWN_TYPES.has(e.type)
      ? t(`timeline.type.${e.type as 'note'}`)
      : t('timeline.type.other', { type: e.type });
  };
  const details = (e: StaffTimelineEvent): string[] => {
    const d = e.data ?? {};
    const out: string[] = [];
    if (typeof d.qcNote === 'string') out.push(t('timeline.qcNote', { note: d.qcNote }));
    if (e.type === 'intake') {
      const accessories = Array.isArray(d.accessories) ? (d.accessories as string[]) : [];
      out.push(
        t('timeline.accessories', {
          list: accessories.length ? accessories.join(', ') : t('intake.noAccessories'),
        }),
      );
      if (typeof d.passcodePolicy === 'string') {
        out.push(t('timeline.policy', { policy: t(`intake.policy.${d.passcodePolicy as 'none'}`) }));
      }
      if (typeof d.imeiSerial === 'string') out.push(t('timeline.imei', { value: d.imeiSerial }));
    }
    return out;
  };

  return (
    <ol className="space-y-3" data-testid="staff-timeline">
      {events.map((e) => {
        const internal = e.visibility === 'internal';
        const at = new Date(e.at);
        return (
          <li
            key={e.id}
            className={`rounded-xl border p-3 ${internal ? 'border-amber-200 bg-amber-50/60' : 'border-slate-200 bg-white'}`}
            data-testid={`timeline-event-${e.type}`}
            data-visibility={e.visibility}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-semibold">{title(e)}</p>
              {internal ? (
                <span className="inline-flex items-center gap-1 rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-950">
                  <Lock className="size-3.5" aria-hidden />
                  {t('timeline.internal')}
                </span>
              ) : (
                <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">
                  <Eye className="size-3.5" aria-hidden />
                  {t('timeline.customer')}
                </span>
              )}
            </div>
            {e.message ? (
              <p className="mt-1 whitespace-pre-line break-words text-slate-800">{e.message}</p>
            ) : null}
            {details(e).map((line) => (
              <p key={line} className="mt-0.5 text-sm text-slate-700">
                {line}
              </p>
            ))}
            <p className="mt-1 text-sm text-slate-600">
              {t('timeline.by', { actor: e.actor })} ·{' '}
              <time dateTime={e.at}>
                {format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short', timeZone })}
              </time>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
