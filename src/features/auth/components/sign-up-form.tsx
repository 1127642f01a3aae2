'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { authFetch } from './auth-fetch';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignUpForm() {
  const t = useTranslations('auth');
  const router = useRouter();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'name' | 'email' | 'password' | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  /** sign-up answered, but signing in with the same details did not (the address had an account) */
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (name.trim().length < 2) found.name = t('errors.name');
    if (!EMAIL.test(email.trim())) found.email = t('errors.email');
    if (password.length < 10) found.password = t('errors.passwordLength');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    // sign-up answers a new and a registered address alike and starts no session: sign in next
    const res = await authFetch('/sign-up/email', { name: name.trim(), email: email.trim(), password });
    if (res.ok) {
      const signedIn = await authFetch<{ twoFactorRedirect?: boolean; stepUp?: boolean }>('/sign-in/email', {
        email: email.trim(),
        password,
      });
      setBusy(false);
      if (signedIn.ok && !signedIn.data?.twoFactorRedirect && !signedIn.data?.stepUp) {
        router.push('/account?welcome=1');
        router.refresh();
      } else {
        // the address already had an account (its owner got an e-mail), or it needs more checks
        setSentTo(email.trim());
      }
      return;
    }
    setBusy(false);
    if (res.code === 'PASSWORD_TOO_SHORT' || res.code === 'PASSWORD_TOO_LONG') {
      setErrors({ password: t('errors.passwordLength') });
    } else {
      setErrors({ form: res.status === 429 ? t('errors.tooMany') : t('errors.generic') });
    }
  }

  const describedBy = (id: string, key: keyof typeof errors) => (errors[key] ? `${id}-error` : `${id}-hint`);
  if (sentTo) {
    return (
      <div role="status" data-testid="signup-sent">
        <p className="text-lg font-semibold">{t('signUpSentTitle')}</p>
        <p className="mt-1 text-slate-700">{t('signUpSent', { email: sentTo })}</p>
        <Button asChild className="mt-6 w-full">
          <Link href="/sign-in">{t('signUpToSignIn')}</Link>
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id="signup-name" label={t('name')} error={errors.name} required>
        <Input
          id="signup-name"
          autoComplete="name"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'signup-name-error' : undefined}
          data-testid="signup-name"
        />
      </Field>
      <Field id="signup-email" label={t('email')} error={errors.email} hint={t('emailHint')} required>
        <Input
          id="signup-email"
          type="email"
          autoComplete="email"
          value={email}
          maxLength={254}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy('signup-email', 'email')}
          data-testid="signup-email"
        />
      </Field>
      <Field
        id="signup-password"
        label={t('password')}
        error={errors.password}
        hint={t('passwordHint')}
        required
      >
        <Input
          id="signup-password"
          type="password"
          autoComplete="new-password"
          value={password}
          maxLength={128}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy('signup-password', 'password')}
          data-testid="signup-password"
        />
      </Field>
      {errors.form ? (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800"
        >
          {errors.form}
        </p>
      ) : null}
      <Button type="submit" className="w-full" loading={busy} data-testid="signup-submit">
        {t('createAccount')}
      </Button>
    </form>
  );
}
