'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { readProblem } from '@/components/api-problem';
import { authClient as api } from './api-client';
import { authFetch } from './auth-fetch';

export function ResendVerificationButton() {
  const t = useTranslations('account');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function resend() {
    setBusy(true);
    try {
      const res = await api.account['resend-verification'].$post();
      if (res.ok) setMessage({ tone: 'ok', text: t('resent') });
      else setMessage({ tone: 'error', text: (await readProblem(res)).detail });
    } catch {
      setMessage({ tone: 'error', text: t('network') });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mt-3">
      <Button variant="secondary" size="sm" onClick={resend} loading={busy} data-testid="resend-verification">
        {t('resend')}
      </Button>
      {message ? (
        <p
          role="status"
          className={`mt-2 text-sm ${message.tone === 'ok' ? 'text-emerald-800' : 'text-red-800'}`}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

export function SignOutButton() {
  const t = useTranslations('account');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      loading={busy}
      data-testid="sign-out"
      onClick={async () => {
        setBusy(true);
        await authFetch('/sign-out', {});
        router.push('/');
        router.refresh();
      }}
    >
      {t('signOut')}
    </Button>
  );
}
