import { useFormatter, useTranslations } from 'next-intl';
import { CheckCircle2, Circle } from 'lucide-react';
import type { OrderEventDto } from '@/features/repairs/schemas';

/**
 * What happened to the repair, oldest first: status changes, notes from the shop, quote
 * events. Messages are left to the thread (OrderMessages). Times in the shop's time zone.
 */
export function OrderTimeline({
  events,
  timeZone,
  testId = 'order-timeline',
}: {
  events: OrderEventDto[];
  timeZone: string;
  testId?: string;
}) {
  const t = useTranslations('portal');
  const tStatus = useTranslations('status');
  const format = useFormatter();
  const shown = events.filter((e) => e.type !== 'message');
  if (shown.length === 0) return <p className="mt-3 text-slate-700">{t('timelineEmpty')}</p>;
  const title = (e: OrderEventDto) => {
    if (e.type === 'status_changed' || e.type === 'created') {
      return e.toStatus && tStatus.has(e.toStatus) ? tStatus(e.toStatus) : t('event.created');
    }
    return t.has(`event.${e.type}`) ? t(`event.${e.type}`) : t('event.other');
  };
  return (
    <ol className="mt-4 space-y-4" data-testid={testId}>
      {shown.map((e, i) => (
        <li key={e.id} className="flex gap-3" data-type={e.type}>
          {i === shown.length - 1 ? (
            <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
          ) : (
            <Circle className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden />
          )}
          <div className="min-w-0">
            <p className="font-medium">{title(e)}</p>
            {e.message ? <p className="break-words whitespace-pre-line text-slate-700">{e.message}</p> : null}
            <p className="text-sm text-slate-600">
              <time dateTime={e.at}>
                {format.dateTime(new Date(e.at), { dateStyle: 'medium', timeStyle: 'short', timeZone })}
              </time>
              {e.actor.role === 'staff' && e.actor.name ? ` · ${t('by', { name: e.actor.name })}` : null}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
