'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { readProblem } from '@/components/api-problem';
import { Button } from '@/components/ui/button';
import { Field, Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { submitChange } from './console-outbox';
import { OrderPendingChanges } from './order-pending';

type Kind = 'note' | 'message';

/**
 * Adds a note (internal by default, or customer-visible) or a message to the customer. Offline
 * it waits on this device with its Idempotency-Key, so a resend is stored once.
 */
export function OrderComposer({
  orderId,
  reference,
  userId,
}: {
  orderId: string;
  reference: string;
  userId: string;
}) {
  const t = useTranslations('staff.compose');
  const tOffline = useTranslations('staff.offline');
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [kind, setKind] = useState<Kind>('note');
  const [visibility, setVisibility] = useState<'internal' | 'customer'>('internal');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await submitChange({
      kind,
      orderId,
      reference,
      body: kind === 'note' ? { body, visibility } : { body },
      label: tOffline(`label.${kind}`, { reference, text: body.trim().slice(0, 40) }),
      authorId: userId,
    }).catch(() => null);
    setBusy(false);
    if (!result || result.outcome === 'unreachable') return;
    if (result.outcome === 'queued') {
      setBody('');
      setVisibility('internal');
      toast({ tone: 'info', title: tOffline('queuedTitle'), description: tOffline('queued') });
      return;
    }
    const res = result.response;
    if (!res.ok) {
      const p = await readProblem(res as unknown as Response);
      setError(p.errors?.[0]?.message ?? p.detail);
      textRef.current?.focus();
      return;
    }
    setBody('');
    setVisibility('internal');
    toast({ tone: 'success', title: kind === 'note' ? t('noteAdded') : t('messageSent') });
    router.refresh();
  }

  const textId = `${id}-body`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="composer">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t('kind')}</legend>
        <div className="mt-2 inline-flex rounded-lg border border-slate-300 bg-white p-1">
          {(['note', 'message'] as const).map((k) => (
            <label
              key={k}
              className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-slate-700 has-[:checked]:bg-slate-900 has-[:checked]:text-white has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-brand"
            >
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                className="sr-only"
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setError(null);
                }}
                data-testid={`compose-kind-${k}`}
              />
              {t(k)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        id={textId}
        label={kind === 'note' ? t('noteLabel') : t('messageLabel')}
        hint={kind === 'message' ? t('messageHint') : undefined}
        error={error}
        required
      >
        <Textarea
          ref={textRef}
          id={textId}
          value={body}
          maxLength={4000}
          required
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${textId}-error` : kind === 'message' ? `${textId}-hint` : undefined}
          data-testid="compose-body"
        />
      </Field>
      {kind === 'note' ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t('visibility')}</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {(['internal', 'customer'] as const).map((v) => (
              <label key={v} className="inline-flex min-h-11 items-center gap-2 text-slate-800">
                <input
                  type="radio"
                  name={`${id}-visibility`}
                  value={v}
                  className="size-5 accent-brand"
                  checked={visibility === v}
                  onChange={() => setVisibility(v)}
                  data-testid={`compose-visibility-${v}`}
                />
                {t(v)}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <Button type="submit" loading={busy} disabled={!body.trim()} data-testid="compose-submit">
        {kind === 'note' ? t('addNote') : t('send')}
      </Button>
      <OrderPendingChanges orderId={orderId} kinds={['note', 'message']} />
    </form>
  );
}
