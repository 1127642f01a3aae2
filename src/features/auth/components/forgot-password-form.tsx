'use client';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { authFetch } from './auth-fetch';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Always answers the same way, so it never reveals whether an address has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations('auth');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!EMAIL.test(email.trim())) {
      setError(t('errors.email'));
      return;
    }
    setError(null);
    setBusy(true);
    const res = await authFetch('/request-password-reset', {
      email: email.trim(),
      redirectTo: '/reset-password',
    });
    setBusy(false);
    if (res.status === 429) setError(t('errors.tooMany'));
    else if (res.code === 'NETWORK') setError(t('errors.network'));
    else setSent(true);
  }

  if (sent) {
    return (
      <p role="status" className="text-slate-800" data-testid="forgot-sent">
        {t('forgotSent', { email: email.trim() })}
      </p>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id="forgot-email" label={t('email')} error={error} required>
        <Input
          id="forgot-email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'forgot-email-error' : undefined}
          data-testid="forgot-email"
        />
      </Field>
      <Button type="submit" className="w-full" loading={busy} data-testid="forgot-submit">
        {t('sendResetLink')}
      </Button>
    </form>
  );
}
