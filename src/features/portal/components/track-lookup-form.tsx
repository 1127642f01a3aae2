'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';

/** Accepts the tracking link from the confirmation, or the reference and tracking code. */
export function TrackLookupForm() {
  const t = useTranslations('track');
  const router = useRouter();
  const [reference, setReference] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const pasted = reference.trim();
    const link = pasted.match(/track\/(RT-[A-Z0-9]{6})\?token=([\w%-]+)/i);
    if (link?.[1] && link[2]) {
      router.push(`/track/${link[1].toUpperCase()}?token=${link[2]}`);
      return;
    }
    const ref = pasted.toUpperCase().replace(/^RT-?/, '');
    if (!/^[A-Z0-9]{6}$/.test(ref) || code.trim().length < 10) {
      setError(t('lookupInvalid'));
      return;
    }
    setError(null);
    router.push(`/track/RT-${ref}?token=${encodeURIComponent(code.trim())}`);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field id="track-reference" label={t('referenceLabel')} hint={t('referenceHint')}>
        <Input
          id="track-reference"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          autoComplete="off"
          aria-describedby="track-reference-hint"
        />
      </Field>
      <Field id="track-code" label={t('codeLabel')} hint={t('codeHint')} error={error}>
        <Input
          id="track-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'track-code-error' : 'track-code-hint'}
        />
      </Field>
      <Button type="submit">{t('lookupSubmit')}</Button>
    </form>
  );
}
