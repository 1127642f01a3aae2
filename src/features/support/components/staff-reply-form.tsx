'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Send } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { MAX_STAFF_REPLY } from '../limits';
import { staffSupportClient as api } from './api-client';

/**
 * The console's reply box and close button for one conversation: a reply is shown to the
 * customer in their chat at once and e-mailed to them; the page then re-reads the transcript.
 */
export function StaffReplyForm({
  conversationId,
  closed,
  hasEmail,
}: {
  conversationId: string;
  closed: boolean;
  hasEmail: boolean;
}) {
  const t = useTranslations('staffSupport');
  const router = useRouter();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<'reply' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function reply(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const message = text.trim();
    if (!message) {
      setError(t('replyRequired'));
      field.current?.focus();
      return;
    }
    setBusy('reply');
    setError(null);
    setStatus(null);
    try {
      const res = await api.staff.support.conversations[':id'].messages.$post({
        param: { id: conversationId },
        json: { message },
      });
      if (res.ok) {
        setText('');
        setStatus(hasEmail ? t('sentAndEmailed') : t('sent'));
        router.refresh();
      } else {
        setError((res.status as number) === 404 ? t('gone') : t('replyFailed'));
      }
    } catch {
      setError(t('network'));
    } finally {
      setBusy(null);
    }
  }

  async function close() {
    if (busy) return;
    setBusy('close');
    setError(null);
    try {
      const res = await api.staff.support.conversations[':id'].close.$post({ param: { id: conversationId } });
      if (res.ok) {
        setStatus(t('closedNow'));
        router.refresh();
      } else {
        setError((res.status as number) === 404 ? t('gone') : t('closeFailed'));
      }
    } catch {
      setError(t('network'));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form onSubmit={reply} className="mt-4" noValidate data-testid="staff-support-reply">
      <label htmlFor={`${id}-reply`} className="block text-sm font-medium text-slate-900">
        {t('replyLabel')}
      </label>
      <textarea
        ref={field}
        id={`${id}-reply`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={MAX_STAFF_REPLY}
        rows={3}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-base focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        {hasEmail ? t('replyHintEmail') : t('replyHintNoEmail')}
      </p>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <p role="status" className="mt-2 text-sm text-emerald-800">
        {status}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button type="submit" loading={busy === 'reply'}>
          <Send className="size-4" aria-hidden />
          {t('send')}
        </Button>
        {closed ? null : (
          <Button type="button" variant="secondary" loading={busy === 'close'} onClick={close}>
            {t('close')}
          </Button>
        )}
      </div>
    </form>
  );
}
