'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { BellRing } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { PushSwitch } from './push-switch';

/**
 * After a booking: "Tell me when my repair is ready". A push subscription belongs to an account
 * (that is who the shop's notices are for), so a signed-in customer subscribes here with one
 * click; a guest is offered sign-in or sign-up first (a booking made with the e-mail of an
 * account that is verified joins that account, and push is then one click in My account).
 */
export function NotifyWhenReady() {
  const t = useTranslations('notificationSettings');
  const [signedIn, setSignedIn] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    fetch('/api/auth/get-session', { credentials: 'same-origin' })
      .then(async (res) => (res.ok ? ((await res.json()) as { user?: unknown } | null) : null))
      .then((s) => live && setSignedIn(!!s?.user))
      .catch(() => live && setSignedIn(false));
    return () => {
      live = false;
    };
  }, []);

  if (signedIn === null) return null;
  return (
    <Card data-testid="notify-when-ready">
      <div className="flex items-start gap-3">
        <BellRing className="mt-1 size-6 shrink-0 text-brand" aria-hidden />
        <div className="min-w-0 flex-1">
          <h3 className="text-lg font-semibold">{t('booking.title')}</h3>
          {signedIn ? (
            <>
              <p className="mb-3 text-sm text-slate-700">{t('booking.lead')}</p>
              <PushSwitch purpose="booking" />
            </>
          ) : (
            <p className="text-sm text-slate-700" data-testid="notify-sign-in">
              {t.rich('booking.signIn', {
                signIn: (chunks) => (
                  <Link
                    className="font-medium text-brand underline"
                    href="/sign-in?next=/account%23notifications"
                  >
                    {chunks}
                  </Link>
                ),
                signUp: (chunks) => (
                  <Link className="font-medium text-brand underline" href="/sign-up">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          )}
        </div>
      </div>
    </Card>
  );
}
