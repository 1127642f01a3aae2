'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/components/ui/cn';
import type { SupportMessageView } from '../schemas';
import { MessageLinks } from './message-links';

/**
 * The chat's transcript: the customer on the right, the assistant and staff on the left, each
 * message introduced for screen readers. A polite live region, so a reply (the assistant's, or
 * a person's arriving live) is read out when it comes.
 */
export function SupportTranscript({
  messages,
  loading,
  loadFailed,
  onRetry,
  closed,
  sending,
}: {
  messages: SupportMessageView[];
  loading: boolean;
  loadFailed: boolean;
  onRetry: () => void;
  closed: boolean;
  sending: boolean;
}) {
  const t = useTranslations('support');
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, sending]);

  const who = (m: SupportMessageView) =>
    m.author === 'customer'
      ? t('you')
      : m.author === 'staff'
        ? m.staffName
          ? t('staffNamed', { name: m.staffName })
          : t('staff')
        : t('assistant');

  return (
    <div className="flex-1 overflow-y-auto bg-slate-50 px-4 py-3" data-testid="support-transcript">
      {loading ? (
        <div className="space-y-3" aria-busy="true">
          <span className="sr-only">{t('loading')}</span>
          <Skeleton className="h-12 w-3/4" />
          <Skeleton className="ml-auto h-10 w-2/3" />
        </div>
      ) : loadFailed ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p>{t('loadFailed')}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={onRetry}>
            {t('retry')}
          </Button>
        </div>
      ) : null}
      <div role="log" aria-live="polite" aria-label={t('transcriptLabel')} data-testid="support-log">
        {!loading && !loadFailed && messages.length === 0 ? (
          <div className="py-4 text-slate-700" data-testid="support-empty">
            <p className="font-medium">{t('emptyTitle')}</p>
            <p className="mt-1 text-sm">{t('emptyBody')}</p>
          </div>
        ) : null}
        <ol className="space-y-3">
          {messages.map((m) => {
            const mine = m.author === 'customer';
            return (
              <li
                key={m.id}
                data-testid="support-message"
                data-author={m.author}
                className={cn('flex flex-col', mine ? 'items-end' : 'items-start')}
              >
                <span className={cn('mb-0.5 text-xs font-medium text-slate-600', mine && 'sr-only')}>
                  {who(m)}
                </span>
                <div
                  data-testid="support-message-body"
                  className={cn(
                    'max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm',
                    mine
                      ? 'rounded-br-sm bg-brand text-brand-fg'
                      : m.author === 'staff'
                        ? 'rounded-bl-sm border border-amber-200 bg-amber-50 text-slate-900'
                        : 'rounded-bl-sm border border-slate-200 bg-white text-slate-900',
                  )}
                >
                  {m.body}
                </div>
                {m.links.length > 0 ? <MessageLinks links={m.links} /> : null}
              </li>
            );
          })}
        </ol>
        {sending ? (
          <p className="mt-3 text-sm text-slate-600" data-testid="support-thinking">
            {t('thinking')}
          </p>
        ) : null}
        {closed ? <p className="mt-3 text-center text-sm text-slate-600">{t('closed')}</p> : null}
      </div>
      <div ref={end} />
    </div>
  );
}
