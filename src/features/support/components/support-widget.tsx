'use client';
import * as RadixDialog from '@radix-ui/react-dialog';
import { MessageCircle, Send, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button';
import { useLiveStream } from '@/features/live/components';
import { MAX_SUPPORT_MESSAGE } from '../limits';
import type { SupportMessageView } from '../schemas';
import { supportClient as api } from './api-client';
import { SupportTranscript } from './support-transcript';
import { track } from '@/features/analytics/components';

type Status = 'open' | 'waiting_staff' | 'closed';

/** Where the widget keeps the conversation across page loads (this tab's session). */
const STORAGE_KEY = 'rt-support-conversation';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Merges messages by id, oldest first. */
function merge(a: SupportMessageView[], b: SupportMessageView[]): SupportMessageView[] {
  const byId = new Map<number, SupportMessageView>();
  for (const m of [...a, ...b]) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

/** On the tracking page, the tracking link's token: the assistant may then answer its status. */
function trackingToken(): string | undefined {
  if (!window.location.pathname.startsWith('/track/')) return undefined;
  return new URLSearchParams(window.location.search).get('token') ?? undefined;
}

/** Follows the open conversation live (staff replies), from the last message shown. */
function ConversationLive({
  id,
  since,
  onMessage,
  onClosed,
}: {
  id: string;
  since: number | null;
  onMessage: (m: SupportMessageView) => void;
  onClosed: () => void;
}) {
  useLiveStream(`/api/support/conversations/${id}/live`, {
    since,
    onEvent: ({ data }) => {
      if (data.kind === 'support_message' && data.message) onMessage(data.message as SupportMessageView);
      else if (data.kind === 'support_closed') onClosed();
    },
  });
  return null;
}

/**
 * The support chat on every customer page: a launcher button and a dialog with the transcript
 * (a polite live region) and a composer (Enter sends, Shift+Enter starts a new line). Full
 * screen on a phone, clear of the bottom navigation; a panel in the corner from `sm` up. The
 * conversation survives page loads (sessionStorage; the visitor's cookie or account owns it),
 * and a `?support=<id>` link (the staff reply e-mail) opens it.
 */
export function SupportWidget() {
  const t = useTranslations('support');
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [messages, setMessages] = useState<SupportMessageView[]>([]);
  const [status, setStatus] = useState<Status | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);

  const remember = (id: string | null) => {
    setConversationId(id);
    try {
      if (id) sessionStorage.setItem(STORAGE_KEY, id);
      else sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      /* storage off: the conversation lasts as long as the page */
    }
  };

  const load = useCallback(async (id: string) => {
    setLoadFailed(false);
    try {
      const res = await api.support.conversations[':id'].$get({ param: { id } });
      if (res.ok) {
        const body = await res.json();
        setMessages(body.messages);
        setStatus(body.status);
      } else if (res.status === 404 || res.status === 422) {
        // gone, or not this visitor's: start afresh
        remember(null);
        setMessages([]);
        setStatus(null);
      } else {
        setLoadFailed(true);
      }
    } catch {
      setLoadFailed(true);
    } finally {
      setLoaded(true);
    }
  }, []);

  // the conversation of this tab, or the one a reply e-mail links to (which opens the chat)
  useEffect(() => {
    const fromUrl = new URLSearchParams(window.location.search).get('support');
    let stored: string | null = null;
    try {
      stored = sessionStorage.getItem(STORAGE_KEY);
    } catch {
      /* storage off */
    }
    const id = fromUrl && UUID.test(fromUrl) ? fromUrl : stored && UUID.test(stored) ? stored : null;
    /* eslint-disable react-hooks/set-state-in-effect -- restoring what the browser kept, once */
    if (id) setConversationId(id);
    if (fromUrl) {
      setOpen(true);
      if (id) void load(id);
    }
    /* eslint-enable react-hooks/set-state-in-effect */
  }, [load]);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next && conversationId && !loaded) void load(conversationId);
  };

  async function send(e?: FormEvent) {
    e?.preventDefault();
    if (sending) return;
    const message = text.trim();
    if (!message) {
      setError(t('required'));
      input.current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    try {
      const res = await api.support.messages.$post({
        json: { message, conversationId: conversationId ?? undefined, trackingToken: trackingToken() },
      });
      if (res.ok) {
        const answer = await res.json();
        remember(answer.conversationId);
        setMessages((m) => merge(m, answer.messages));
        setStatus(answer.status);
        setLoaded(true);
        setText('');
        if (answer.handover) {
          track('assistant_handover', {
            reason: answer.intent.replace(/[^\w.:-]/g, '_').slice(0, 40) || 'unknown',
          });
        }
      } else if (res.status === 404) {
        // the conversation is no longer this visitor's: the next message starts a new one
        remember(null);
        setMessages([]);
        setStatus(null);
        setError(t('expired'));
      } else {
        // the typed client knows the route's JSON answers; the rate limit's 429 comes from its middleware
        const status: number = res.status;
        setError(
          status === 429
            ? t('tooMany')
            : status === 422
              ? t('invalid', { max: MAX_SUPPORT_MESSAGE })
              : t('error'),
        );
      }
    } catch {
      setError(t('network'));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const lastId = messages.at(-1)?.id ?? null;
  const onLiveMessage = useCallback((m: SupportMessageView) => setMessages((all) => merge(all, [m])), []);
  const onClosed = useCallback(() => setStatus('closed'), []);

  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Trigger asChild>
        <button
          type="button"
          data-testid="support-launcher"
          className="fixed right-4 z-30 inline-flex h-12 items-center gap-2 rounded-full bg-brand px-4 font-medium text-brand-fg shadow-lg hover:brightness-110 focus-visible:outline-offset-4 print:hidden bottom-[calc(1rem+var(--bottom-nav-height))]"
        >
          <MessageCircle className="size-5" aria-hidden />
          <span>{t('launcher')}</span>
        </button>
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30 sm:bg-transparent" />
        <RadixDialog.Content
          data-testid="support-dialog"
          onOpenAutoFocus={(e) => {
            e.preventDefault();
            input.current?.focus();
          }}
          className="fixed inset-x-0 top-0 bottom-(--bottom-nav-height) z-50 flex flex-col bg-white shadow-2xl sm:inset-auto sm:right-4 sm:bottom-[calc(1rem+var(--bottom-nav-height))] sm:h-[min(36rem,calc(100dvh-6rem))] sm:w-96 sm:rounded-2xl sm:border sm:border-slate-200"
        >
          <div className="flex items-start justify-between gap-2 border-b border-slate-200 px-4 py-3">
            <div>
              <RadixDialog.Title className="text-lg font-semibold">{t('title')}</RadixDialog.Title>
              <RadixDialog.Description className="text-sm text-slate-600">
                {status === 'waiting_staff' ? t('waitingStaff') : t('description')}
              </RadixDialog.Description>
            </div>
            <RadixDialog.Close
              className="grid size-11 shrink-0 place-items-center rounded-md text-slate-500 hover:bg-slate-100"
              aria-label={t('close')}
            >
              <X className="size-5" aria-hidden />
            </RadixDialog.Close>
          </div>

          <SupportTranscript
            messages={messages}
            loading={!!conversationId && !loaded}
            loadFailed={loadFailed}
            onRetry={() => conversationId && void load(conversationId)}
            closed={status === 'closed'}
            sending={sending}
          />

          <form onSubmit={send} className="border-t border-slate-200 p-3" noValidate>
            <label htmlFor={inputId} className="sr-only">
              {t('inputLabel')}
            </label>
            {error ? (
              <p role="alert" className="mb-2 text-sm text-red-700" data-testid="support-error">
                {error}
              </p>
            ) : null}
            <div className="flex items-end gap-2">
              <textarea
                ref={input}
                id={inputId}
                data-testid="support-input"
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={onKeyDown}
                maxLength={MAX_SUPPORT_MESSAGE}
                rows={2}
                placeholder={t('placeholder')}
                aria-describedby={`${inputId}-hint`}
                className="min-h-11 flex-1 resize-none rounded-lg border border-slate-300 px-3 py-2 text-base focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30"
              />
              <Button type="submit" loading={sending} aria-label={t('send')} data-testid="support-send">
                <Send className="size-5" aria-hidden />
              </Button>
            </div>
            <p id={`${inputId}-hint`} className="mt-1 text-xs text-slate-600">
              {t('hint')}
            </p>
          </form>
          {open && conversationId && loaded ? (
            <ConversationLive
              key={conversationId}
              id={conversationId}
              since={lastId}
              onMessage={onLiveMessage}
              onClosed={onClosed}
            />
          ) : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
