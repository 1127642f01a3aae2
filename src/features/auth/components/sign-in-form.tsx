'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { authFetch } from './auth-fetch';
import { FormAlert } from './form-alert';
import { StepUpStep, TwoFactorStep, securityRefusal } from './sign-in-steps';

/** What POST /api/auth/sign-in/email answers with 200 when a second step is needed. */
interface SignInAnswer {
  twoFactorRedirect?: boolean;
  twoFactorMethods?: string[];
  stepUp?: boolean;
  method?: string;
}

type Step = 'password' | 'twoFactor' | 'stepUp';

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations('auth');
  const steps = useTranslations('signInSteps');
  const router = useRouter();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);

  function done() {
    router.push(next);
    router.refresh();
  }

  function restart(message: string | null) {
    setPassword('');
    setError(message);
    setStep('password');
    // after React shows the password step again
    requestAnimationFrame(() => passwordInput.current?.focus());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError(t('errors.required'));
      return;
    }
    setBusy(true);
    const res = await authFetch<SignInAnswer>('/sign-in/email', { email: email.trim(), password });
    setBusy(false);
    if (res.ok) {
      if (res.data?.twoFactorRedirect) setStep('twoFactor');
      else if (res.data?.stepUp) setStep('stepUp');
      else done();
      return;
    }
    setError(
      securityRefusal(res) ??
        (res.status === 429
          ? t('errors.tooMany')
          : res.code === 'NETWORK'
            ? t('errors.network')
            : t('errors.signIn')),
    );
  }

  return (
    <>
      {/* step changes are announced; focus moves to the new step's code field */}
      <p className="sr-only" aria-live="polite" data-testid="signin-step-status">
        {step === 'twoFactor' ? steps('announceTwoFactor') : step === 'stepUp' ? steps('announceStepUp') : ''}
      </p>
      {step === 'twoFactor' ? (
        <TwoFactorStep onDone={done} onRestart={restart} />
      ) : step === 'stepUp' ? (
        <StepUpStep email={email.trim()} onDone={done} onRestart={restart} />
      ) : (
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
              ref={passwordInput}
              id="signin-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="signin-password"
            />
          </Field>
          <FormAlert testId="signin-error">{error}</FormAlert>
          <Button type="submit" className="w-full" loading={busy} data-testid="signin-submit">
            {t('signIn')}
          </Button>
          <p className="text-center text-sm">
            <Link
              href="/forgot-password"
              className="inline-flex min-h-11 items-center font-medium text-brand underline underline-offset-4"
            >
              {t('forgot')}
            </Link>
          </p>
        </form>
      )}
    </>
  );
}
