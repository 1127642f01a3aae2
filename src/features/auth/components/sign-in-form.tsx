'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { authFetch } from './auth-fetch';

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations('auth');
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError(t('errors.required'));
      return;
    }
    setBusy(true);
    const res = await authFetch('/sign-in/email', { email: email.trim(), password });
    setBusy(false);
    if (res.ok) {
      router.push(next);
      router.refresh();
      return;
    }
    setError(
      res.status === 429
        ? t('errors.tooMany')
        : res.code === 'NETWORK'
          ? t('errors.network')
          : t('errors.signIn'),
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id="signin-email" label={t('email')} required>
        <Input
          id="signin-email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-testid="signin-email"
        />
      </Field>
      <Field id="signin-password" label={t('password')} required>
        <Input
          id="signin-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="signin-password"
        />
      </Field>
      {error ? (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800"
        >
          {error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" loading={busy} data-testid="signin-submit">
        {t('signIn')}
      </Button>
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="font-medium text-brand underline underline-offset-4">
          {t('forgot')}
        </Link>
      </p>
    </form>
  );
}
