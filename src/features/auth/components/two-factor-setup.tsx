'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Copy } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { groupSecret, parseTotpUri } from '../totp-uri';
import { authFetch } from './auth-fetch';
import { BackupCodes } from './backup-codes';
import { ConfirmPasswordForm, useAuthErrorText } from './confirm-password';
import { FormAlert } from './form-alert';

type Step = 'password' | 'scan' | 'verify' | 'codes';
const STEPS: Step[] = ['password', 'scan', 'verify', 'codes'];

interface Enrolment {
  totpURI: string;
  secret: string;
  qrSrc: string;
  backupCodes: string[];
}

/** The QR code as an SVG data URL (qrcode loads only when someone sets up two-factor). */
async function qrDataUrl(text: string): Promise<string> {
  const QRCode = await import('qrcode');
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * Setting up an authenticator app in four steps: confirm the password, scan the QR code (or
 * type the key), enter a code from the app, save the backup codes.
 */
export function TwoFactorSetup({
  email,
  shopName,
  onVerified,
  onEnabled,
}: {
  email: string;
  shopName: string;
  /** the first code is accepted: two-factor is on from here (the backup codes come next) */
  onVerified?: () => void;
  /** after "I have saved them" */
  onEnabled: () => void;
}) {
  const t = useTranslations('accountSecurity.setup');
  const errorText = useAuthErrorText();
  const [step, setStep] = useState<Step>('password');
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [keyCopied, setKeyCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const firstRender = useRef(true);

  // each new step: focus its code field, or its heading (not on the page's first render)
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (step === 'verify') codeInput.current?.focus();
    else heading.current?.focus();
  }, [step]);

  async function enable(password: string): Promise<string | null> {
    const res = await authFetch<{ totpURI?: string; backupCodes?: string[] }>('/two-factor/enable', {
      password,
    });
    if (!res.ok) return errorText(res);
    const totpURI = res.data?.totpURI;
    const parts = totpURI ? parseTotpUri(totpURI) : null;
    if (!totpURI || !parts || !res.data?.backupCodes) return errorText(res);
    setEnrolment({
      totpURI,
      secret: parts.secret,
      qrSrc: await qrDataUrl(totpURI),
      backupCodes: res.data.backupCodes,
    });
    setStep('scan');
    return null;
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const value = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(value)) {
      setError(t('codeFormat'));
      codeInput.current?.focus();
      return;
    }
    setBusy(true);
    const res = await authFetch('/two-factor/verify-totp', { code: value });
    setBusy(false);
    if (res.ok) {
      onVerified?.();
      setStep('codes');
      return;
    }
    setError(errorText(res));
    codeInput.current?.select();
  }

  const index = STEPS.indexOf(step) + 1;
  const title = t(`${step}Title`);
  return (
    <div data-testid="two-factor-setup" data-step={step}>
      <p className="sr-only" aria-live="polite">
        {t('stepAnnounce', { n: index, total: STEPS.length, title })}
      </p>
      <p className="text-sm font-medium text-slate-600" aria-hidden data-testid="setup-step-counter">
        {t('stepCounter', { n: index, total: STEPS.length })}
      </p>
      <h3
        ref={heading}
        tabIndex={-1}
        className="mt-1 text-lg font-semibold outline-none focus-visible:ring-2 focus-visible:ring-brand"
        data-testid="setup-step-title"
      >
        {title}
      </h3>

      {step === 'password' ? (
        <div className="mt-2">
          <p className="text-slate-700">{t('passwordLead')}</p>
          <div className="mt-4">
            <ConfirmPasswordForm id="setup" submitLabel={t('continue')} onConfirm={enable} />
          </div>
        </div>
      ) : null}

      {step === 'scan' && enrolment ? (
        <div className="mt-2">
          <p className="text-slate-700">{t('scanLead')}</p>
          <div className="mt-4 flex flex-col gap-6 sm:flex-row sm:items-start">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made in the browser */}
            <img
              src={enrolment.qrSrc}
              alt={t('qrAlt', { shop: shopName, email })}
              width={200}
              height={200}
              className="size-[200px] shrink-0 self-center rounded-lg border border-slate-200 bg-white sm:self-start"
              data-testid="totp-qr"
            />
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{t('manualTitle')}</p>
              <p className="mt-1 text-sm text-slate-700">{t('manualLead')}</p>
              <p
                className="mt-2 flex flex-wrap gap-x-2 gap-y-1 rounded-lg bg-slate-100 px-3 py-2 font-mono text-lg tracking-wider text-slate-900"
                aria-label={t('secretLabel')}
                data-testid="totp-secret"
                data-secret={enrolment.secret}
              >
                {groupSecret(enrolment.secret).map((group, i) => (
                  <span key={i}>{group}</span>
                ))}
              </p>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                className="mt-2"
                onClick={async () => {
                  await navigator.clipboard.writeText(enrolment.secret).then(
                    () => setKeyCopied(true),
                    () => setKeyCopied(false),
                  );
                }}
              >
                <Copy className="size-4" aria-hidden /> {t('copyKey')}
              </Button>
              <p role="status" className="min-h-5 text-sm text-emerald-800">
                {keyCopied ? t('keyCopied') : ''}
              </p>
            </div>
          </div>
          <Button type="button" className="mt-4" onClick={() => setStep('verify')} data-testid="setup-next">
            {t('next')}
          </Button>
        </div>
      ) : null}

      {step === 'verify' ? (
        <form onSubmit={verify} noValidate className="mt-2 space-y-4">
          <p id="setup-code-help" className="text-slate-700">
            {t('verifyLead')}
          </p>
          <Field id="setup-code" label={t('codeLabel')} required>
            <Input
              ref={codeInput}
              id="setup-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-describedby="setup-code-help"
              aria-invalid={error ? true : undefined}
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9 ]*"
              maxLength={7}
              className="max-w-48 font-mono text-lg tracking-widest"
              data-testid="setup-code"
            />
          </Field>
          <FormAlert testId="setup-code-error">{error}</FormAlert>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" loading={busy} data-testid="setup-verify">
              {t('verify')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setError(null);
                setStep('scan');
              }}
            >
              {t('back')}
            </Button>
          </div>
        </form>
      ) : null}

      {step === 'codes' && enrolment ? (
        <div className="mt-2">
          <p className="text-slate-700">{t('codesLead')}</p>
          <div className="mt-4">
            <BackupCodes codes={enrolment.backupCodes} email={email} shopName={shopName} />
          </div>
          <Button type="button" className="mt-2" onClick={onEnabled} data-testid="setup-saved">
            {t('saved')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
