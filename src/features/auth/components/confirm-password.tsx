'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import type { AuthResult } from './auth-fetch';
import { FormAlert } from './form-alert';

/** Words for a refused two-factor or session call (better-auth's codes, or the app's lockout). */
export function useAuthErrorText() {
  const t = useTranslations('accountSecurity.errors');
  return (res: AuthResult): string => {
    if (res.code === 'ACCOUNT_LOCKED' && res.message) return res.message;
    if (res.code === 'NETWORK') return t('network');
    if (res.status === 429) return t('tooMany');
    if (res.code === 'INVALID_PASSWORD') return t('password');
    if (res.code === 'INVALID_CODE') return t('code');
    if (res.status === 401) return t('signedOut');
    return t('generic');
  };
}

/**
 * "Confirm your password" before a two-factor change. `onConfirm` answers an error message,
 * or null when it went through.
 */
export function ConfirmPasswordForm({
  id,
  submitLabel,
  onConfirm,
  onCancel,
  danger,
  focusOnMount,
  children,
}: {
  id: string;
  submitLabel: string;
  onConfirm: (password: string) => Promise<string | null>;
  onCancel?: () => void;
  danger?: boolean;
  focusOnMount?: boolean;
  children?: ReactNode;
}) {
  const t = useTranslations('accountSecurity');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusOnMount) input.current?.focus();
  }, [focusOnMount]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!password) {
      setError(t('errors.passwordRequired'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    const message = await onConfirm(password);
    setBusy(false);
    if (message) {
      setError(message);
      input.current?.select();
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid={`${id}-form`}>
      {children}
      <Field id={`${id}-password`} label={t('confirmPassword')} required>
        <Input
          ref={input}
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          className="max-w-sm"
          data-testid={`${id}-password`}
        />
      </Field>
      <FormAlert testId={`${id}-error`}>{error}</FormAlert>
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant={danger ? 'danger' : 'primary'}
          loading={busy}
          data-testid={`${id}-submit`}
        >
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel} data-testid={`${id}-cancel`}>
            {t('cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
