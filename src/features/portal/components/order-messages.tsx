'use client';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Send } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Field, Textarea } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';
import { readProblem } from '@/components/api-problem';
import { MESSAGE_MAX_LENGTH } from '@/features/repairs';
import type { OrderEventDto } from '@/features/repairs/schemas';

/** Where the composer sends: the signed-in owner's route, or the tracking link's. */
export type MessagePost =
  { kind: 'account'; reference: string } | { kind: 'track'; reference: string; token: string };

/** Hono's typed client, fetched with the first message sent (not in the tracking page's first load). */
async function send(post: MessagePost, body: string) {
  const { portalClient: api } = await import('./api-client');
  return post.kind === 'account'
    ? api.account.repairs[':reference'].messages.$post({
        param: { reference: post.reference },
        json: { body },
      })
    : api.track[':reference'].messages.$post({
        param: { reference: post.reference },
        json: { token: post.token, body },
      });
}

/**
 * The thread between the customer and the shop (customer on the right, shop on the left) and
 * a composer. A sent message shows at once; the page is then refreshed from the server so the
 * rest of it (timeline, live updates) agrees.
 */
export function OrderMessages({
  messages,
  post,
  timeZone,
  shopName,
}: {
  /** the order's `message` events, oldest first (other events are ignored) */
  messages: OrderEventDto[];
  post: MessagePost;
  timeZone: string;
  shopName?: string | null;
}) {
  const t = useTranslations('portal.messages');
  const format = useFormatter();
  const router = useRouter();
  const id = useId();
  const fieldId = `${id}-body`;
  const [sent, setSent] = useState<OrderEventDto[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  const all = useMemo(() => {
    const byId = new Map<number, OrderEventDto>();
    for (const m of [...messages, ...sent]) if (m.type === 'message') byId.set(m.id, m);
    return [...byId.values()].sort((a, b) => a.id - b.id);
  }, [messages, sent]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const body = text.trim();
    setStatus(null);
    if (!body || body.length > MESSAGE_MAX_LENGTH) {
      setError(body ? t('tooLong', { max: MESSAGE_MAX_LENGTH }) : t('required'));
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await send(post, body);
      if (res.ok) {
        const message = (await res.json()) as OrderEventDto;
        setSent((s) => [...s, message]);
        setText('');
        setStatus(t('sent'));
        router.refresh();
      } else {
        const problem = await readProblem(res);
        setError(
          res.status === 429
            ? t('tooMany')
            : (problem.errors?.[0]?.message ?? (problem.detail || t('error'))),
        );
        field.current?.focus();
      }
    } catch {
      setError(t('network'));
    } finally {
      setBusy(false);
    }
  }

  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone });

  return (
    <div data-testid="order-messages">
      <div
        role="log"
        aria-live="polite"
        aria-label={t('threadLabel')}
        className="mt-4 rounded-xl bg-slate-50 p-3 sm:p-4"
        data-testid="message-thread"
      >
        {all.length === 0 ? (
          <p className="py-6 text-center text-slate-700" data-testid="messages-empty">
            {t('empty')}
          </p>
        ) : (
          <ol className="space-y-3">
            {all.map((m) => {
              const mine = m.actor.role === 'customer';
              const who = mine ? t('you') : (m.actor.name ?? t('shop', { name: shopName ?? 'none' }));
              return (
                <li
                  key={m.id}
                  className={cn('flex', mine ? 'justify-end' : 'justify-start')}
                  data-testid="message"
                  data-from={mine ? 'customer' : 'shop'}
                >
                  <div
                    className={cn(
                      'max-w-[85%] rounded-2xl px-4 py-2 shadow-sm',
                      mine
                        ? 'rounded-br-sm bg-brand text-brand-fg'
                        : 'rounded-bl-sm border border-slate-200 bg-white text-slate-900',
                    )}
                  >
                    <p className={cn('text-xs font-semibold', mine ? 'text-white' : 'text-slate-700')}>
                      {who}
                      {!mine && shopName && m.actor.name ? ` · ${shopName}` : null}
                    </p>
                    <p className="mt-0.5 break-words whitespace-pre-wrap">{m.message}</p>
                    <p className={cn('mt-1 text-xs', mine ? 'text-white' : 'text-slate-600')}>
                      <time dateTime={m.at}>{when(m.at)}</time>
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </div>

      <form onSubmit={submit} noValidate className="mt-4 space-y-3" data-testid="message-form">
        <Field id={fieldId} label={t('label')} hint={t('hint', { max: MESSAGE_MAX_LENGTH })} error={error}>
          <Textarea
            ref={field}
            id={fieldId}
            name="body"
            rows={3}
            maxLength={MESSAGE_MAX_LENGTH}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (error) setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${fieldId}-error` : `${fieldId}-hint`}
            data-testid="message-body"
          />
        </Field>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p role="status" className="text-sm text-emerald-800" data-testid="message-status">
            {status}
          </p>
          <Button type="submit" loading={busy} data-testid="message-send">
            <Send className="size-4" aria-hidden />
            {t('send')}
          </Button>
        </div>
      </form>
    </div>
  );
}
