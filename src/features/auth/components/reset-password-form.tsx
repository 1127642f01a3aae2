'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { authFetch } from './auth-fetch';

export function ResetPasswordForm({ token }: { token: string | null }) {
  const t = useTranslations('auth');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!token) {
    return (
      <p role="alert" className="text-red-800" data-testid="reset-invalid">
        {t('resetInvalid')}{' '}
        <Link href="/forgot-password" className="font-medium underline">
          {t('forgotAgain')}
        </Link>
      </p>
    );
  }
  if (done) {
    return (
      <div role="status" data-testid="reset-done">
        <p className="text-slate-800">{t('resetDone')}</p>
        <Button asChild className="mt-4 w-full">
          <Link href="/sign-in">{t('signIn')}</Link>
        </Button>
      </div>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password.length < 10) return setError(t('errors.passwordLength'));
    if (password !== confirm) return setError(t('errors.mismatch'));
    setError(null);
    setBusy(true);
    const res = await authFetch('/reset-password', { token, newPassword: password });
    setBusy(false);
    if (res.ok) setDone(true);
    else if (res.code === 'INVALID_TOKEN' || res.status === 400) setError(t('resetInvalid'));
    else setError(res.status === 429 ? t('errors.tooMany') : t('errors.generic'));
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id="reset-password" label={t('newPassword')} hint={t('passwordHint')} required>
        <Input
          id="reset-password"
          type="password"
          autoComplete="new-password"
          value={password}
          maxLength={128}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="reset-password-hint"
          data-testid="reset-password"
        />
      </Field>
      <Field id="reset-confirm" label={t('confirmPassword')} error={error} required>
        <Input
          id="reset-confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          maxLength={128}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'reset-confirm-error' : undefined}
          data-testid="reset-confirm"
        />
      </Field>
      <Button type="submit" className="w-full" loading={busy} data-testid="reset-submit">
        {t('setPassword')}
      </Button>
    </form>
  );
}
