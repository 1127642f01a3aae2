'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { CheckCircle2, XCircle } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { authFetch } from './auth-fetch';

type State = 'checking' | 'verified' | 'invalid' | 'expired' | 'error';

/** Consumes the verification token once and says what happened in plain words. */
export function VerifyEmail({ token }: { token: string | null }) {
  const t = useTranslations('auth');
  const [state, setState] = useState<State>(token ? 'checking' : 'invalid');
  const started = useRef(false);

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    void authFetch(`/verify-email?token=${encodeURIComponent(token)}`, undefined, 'GET').then((res) => {
      if (res.ok) setState('verified');
      else if (res.code === 'TOKEN_EXPIRED') setState('expired');
      else if (res.status >= 400 && res.status < 500) setState('invalid');
      else setState('error');
    });
  }, [token]);

  if (state === 'checking') {
    return (
      <p role="status" className="text-slate-700">
        {t('verify.checking')}
      </p>
    );
  }
  const good = state === 'verified';
  const Icon = good ? CheckCircle2 : XCircle;
  return (
    <div role="status" data-testid={`verify-${state}`}>
      <div className="flex items-start gap-3">
        <Icon
          className={`mt-0.5 size-7 shrink-0 ${good ? 'text-emerald-600' : 'text-red-600'}`}
          aria-hidden
        />
        <div>
          <p className="text-lg font-semibold">{t(`verify.${state}Title`)}</p>
          <p className="mt-1 text-slate-700">{t(`verify.${state}Text`)}</p>
        </div>
      </div>
      <Button asChild className="mt-6 w-full">
        <Link href="/account">{t('verify.toAccount')}</Link>
      </Button>
    </div>
  );
}
