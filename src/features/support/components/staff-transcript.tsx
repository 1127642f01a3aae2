import { getFormatter, getTranslations } from 'next-intl/server';
import { cn } from '@/components/ui/cn';
import type { StaffConversationView } from '../schemas';

/** One conversation's transcript in the console, with what the assistant read from each message. */
export async function StaffTranscript({ conversation }: { conversation: StaffConversationView }) {
  const t = await getTranslations('staffSupport');
  const format = await getFormatter();
  return (
    <ol className="space-y-3" data-testid="staff-support-transcript" aria-label={t('transcriptLabel')}>
      {conversation.messages.map((m) => (
        <li
          key={m.id}
          data-author={m.author}
          className={cn(
            'rounded-xl border px-3 py-2',
            m.author === 'customer'
              ? 'border-slate-200 bg-white'
              : m.author === 'staff'
                ? 'border-amber-200 bg-amber-50'
                : 'border-slate-100 bg-slate-50',
          )}
        >
          <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
            <span className="font-semibold text-slate-900">
              {m.author === 'customer'
                ? (conversation.customerName ?? t('visitor'))
                : m.author === 'staff'
                  ? (m.staffName ?? t('staff'))
                  : t('assistant')}
            </span>
            <time dateTime={m.at}>
              {format.dateTime(new Date(m.at), { dateStyle: 'medium', timeStyle: 'short' })}
            </time>
            {m.author === 'customer' && m.intent ? <span>{t('intent', { intent: m.intent })}</span> : null}
            {m.author === 'customer' && m.sentiment ? (
              <span className={m.sentiment.label === 'negative' ? 'font-medium text-red-700' : undefined}>
                {t(`sentiment.${m.sentiment.label}`)}
              </span>
            ) : null}
          </div>
          <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-900">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
