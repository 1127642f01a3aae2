'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { authFetch, type AuthResult } from './auth-fetch';
import { FormAlert } from './form-alert';

/** The server's own words for a lockout or a blocked sign-in (features/security). */
export function securityRefusal(res: AuthResult): string | null {
  if ((res.code === 'ACCOUNT_LOCKED' || res.code === 'SIGN_IN_BLOCKED') && res.message) return res.message;
  return null;
}

/** Six digits, with any spaces people type or paste ("123 456") taken out. */
function digitsOnly(value: string): string {
  return value.replace(/\s+/g, '');
}

interface StepProps {
  /** signed in: go on like a normal sign-in */
  onDone: () => void;
  /** back to the e-mail and password, with this message (the challenge expired or was used up) */
  onRestart: (message: string | null) => void;
}

/**
 * Second step after the password when the account uses two-factor: a code from the
 * authenticator app, or one of the backup codes, and "trust this device".
 */
export function TwoFactorStep({ onDone, onRestart }: StepProps) {
  const t = useTranslations('signInSteps');
  const [backup, setBackup] = useState(false);
  const [code, setCode] = useState('');
  const [trust, setTrust] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // the step appears (and each switch of method): the code field takes the focus
  useEffect(() => {
    input.current?.focus();
  }, [backup]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const value = backup ? code.trim() : digitsOnly(code);
    if (backup ? value.length < 6 : !/^\d{6}$/.test(value)) {
      setError(backup ? t('errors.backupFormat') : t('errors.totpFormat'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    const res = await authFetch(backup ? '/two-factor/verify-backup-code' : '/two-factor/verify-totp', {
      code: value,
      trustDevice: trust,
    });
    setBusy(false);
    if (res.ok) {
      onDone();
      return;
    }
    if (res.code === 'INVALID_TWO_FACTOR_COOKIE') return onRestart(t('errors.expired'));
    if (res.code === 'TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE') return onRestart(t('errors.tooManyCodes'));
    setError(
      securityRefusal(res) ??
        (res.status === 429
          ? t('errors.tooMany')
          : res.code === 'NETWORK'
            ? t('errors.network')
            : res.code === 'INVALID_BACKUP_CODE'
              ? t('errors.backupInvalid')
              : res.code === 'INVALID_CODE'
                ? t('errors.totpInvalid')
                : t('errors.generic')),
    );
    input.current?.select();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="signin-two-factor">
      <div>
        <h2 className="text-xl font-semibold">{t('twoFactorTitle')}</h2>
        <p id="signin-code-help" className="mt-1 text-slate-700">
          {backup ? t('backupLead') : t('totpLead')}
        </p>
      </div>
      <Field id="signin-code" label={backup ? t('backupLabel') : t('totpLabel')} required>
        <Input
          ref={input}
          id="signin-code"
          key={backup ? 'backup' : 'totp'}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby="signin-code-help"
          aria-invalid={error ? true : undefined}
          autoComplete={backup ? 'off' : 'one-time-code'}
          inputMode={backup ? 'text' : 'numeric'}
          pattern={backup ? undefined : '[0-9 ]*'}
          maxLength={backup ? 24 : 7}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          className="font-mono text-lg tracking-widest"
          data-testid={backup ? 'signin-backup-code' : 'signin-totp'}
        />
      </Field>
      <label className="flex items-start gap-3 text-slate-800">
        <input
          type="checkbox"
          className="mt-0.5 size-5 shrink-0 accent-brand"
          checked={trust}
          onChange={(e) => setTrust(e.target.checked)}
          data-testid="signin-trust-device"
        />
        <span>
          <span className="font-medium">{t('trustDevice')}</span>
          <span className="block text-sm text-slate-600">{t('trustDeviceHint')}</span>
        </span>
      </label>
      <FormAlert testId="signin-error">{error}</FormAlert>
      <Button type="submit" className="w-full" loading={busy} data-testid="signin-verify">
        {t('verify')}
      </Button>
      <div className="flex flex-col items-center gap-1 text-sm">
        <button
          type="button"
          className="min-h-11 px-2 font-medium text-brand underline underline-offset-4"
          onClick={() => {
            setBackup((b) => !b);
            setCode('');
            setError(null);
          }}
          data-testid="signin-use-backup"
        >
          {backup ? t('useApp') : t('useBackup')}
        </button>
        <button
          type="button"
          className="min-h-11 px-2 text-slate-700 underline underline-offset-4"
          onClick={() => onRestart(null)}
        >
          {t('startAgain')}
        </button>
      </div>
    </form>
  );
}

/** Second step when the security monitor asks for more: a code we e-mailed. */
export function StepUpStep({ email, onDone, onRestart }: StepProps & { email: string }) {
  const t = useTranslations('signInSteps');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const value = digitsOnly(code);
    if (!/^\d{6}$/.test(value)) {
      setError(t('errors.totpFormat'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    const res = await authFetch('/security/step-up', { code: value });
    setBusy(false);
    if (res.ok) {
      onDone();
      return;
    }
    setError(
      securityRefusal(res) ??
        (res.code === 'NETWORK'
          ? t('errors.network')
          : res.status === 429
            ? t('errors.tooMany')
            : (res.message ?? t('errors.generic'))),
    );
    input.current?.select();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="signin-step-up">
      <div>
        <h2 className="text-xl font-semibold">{t('stepUpTitle')}</h2>
        <p id="signin-step-up-help" className="mt-1 text-slate-700">
          {t('stepUpLead', { email })}
        </p>
      </div>
      <Field id="signin-step-up-code" label={t('stepUpLabel')} required>
        <Input
          ref={input}
          id="signin-step-up-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby="signin-step-up-help"
          aria-invalid={error ? true : undefined}
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9 ]*"
          maxLength={7}
          className="font-mono text-lg tracking-widest"
          data-testid="signin-step-up-code"
        />
      </Field>
      <FormAlert testId="signin-error">{error}</FormAlert>
      <Button type="submit" className="w-full" loading={busy} data-testid="signin-step-up-submit">
        {t('verify')}
      </Button>
      <p className="text-center text-sm">
        <button
          type="button"
          className="min-h-11 px-2 text-slate-700 underline underline-offset-4"
          onClick={() => onRestart(null)}
        >
          {t('startAgain')}
        </button>
      </p>
    </form>
  );
}
