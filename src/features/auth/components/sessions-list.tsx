'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import useSWR from 'swr';
import { Laptop, LogOut, Smartphone } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { authClient as api } from './api-client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import type { MySession } from '../schemas';
import { summariseUserAgent } from '../user-agent';
import { authFetch } from './auth-fetch';

function useDeviceName() {
  const t = useTranslations('accountSecurity.sessions');
  return (userAgent: string | null) => {
    const { browser, os } = summariseUserAgent(userAgent);
    if (browser && os) return t('browserOnOs', { browser, os });
    if (browser) return browser;
    if (os) return t('unknownBrowserOnOs', { os });
    return t('unknownDevice');
  };
}

/** Where the account is signed in, with "Sign out" for each other session and for all of them. */
export function SessionsList() {
  const t = useTranslations('accountSecurity.sessions');
  const format = useFormatter();
  const toast = useToast();
  const deviceName = useDeviceName();
  const [confirmAll, setConfirmAll] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [allError, setAllError] = useState<string | null>(null);
  const { data, error, isLoading, mutate } = useSWR('my-sessions', async () => {
    const res = await api.account.sessions.$get();
    if (!res.ok) throw new Error((await readProblem(res)).detail);
    return (await res.json()).items;
  });

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  async function signOut(s: MySession) {
    setBusy(s.id);
    try {
      const res = await api.account.sessions[':id'].$delete({ param: { id: s.id } });
      if (res.ok || res.status === 404) {
        toast({ tone: 'success', title: t('signedOut', { device: deviceName(s.userAgent) }) });
      } else {
        toast({ tone: 'error', title: t('signOutFailed'), description: (await readProblem(res)).detail });
      }
    } catch {
      toast({ tone: 'error', title: t('signOutFailed'), description: t('network') });
    } finally {
      setBusy(null);
      await mutate();
    }
  }

  async function signOutOthers() {
    setBusy('all');
    setAllError(null);
    const res = await authFetch('/revoke-other-sessions', {});
    setBusy(null);
    if (!res.ok) {
      setAllError(res.code === 'NETWORK' ? t('network') : t('signOutFailed'));
      return;
    }
    setConfirmAll(false);
    toast({ tone: 'success', title: t('signedOutOthers') });
    await mutate();
  }

  const others = data?.filter((s) => !s.current).length ?? 0;
  return (
    <Card data-testid="sessions-section">
      <section aria-labelledby="sessions-title" aria-busy={isLoading || undefined}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="sessions-title" className="text-xl font-semibold">
              {t('title')}
            </h2>
            <p className="mt-1 text-slate-700">{t('lead')}</p>
          </div>
          {others > 0 ? (
            <Button
              type="button"
              variant="secondary"
              onClick={() => setConfirmAll(true)}
              data-testid="sign-out-others"
            >
              <LogOut className="size-4" aria-hidden /> {t('signOutOthers')}
            </Button>
          ) : null}
        </div>

        {error ? (
          <div
            role="alert"
            className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 text-red-800"
            data-testid="sessions-error"
          >
            <p>{t('loadError')}</p>
            <Button
              type="button"
              variant="secondary"
              size="sm"
              className="mt-2"
              onClick={() => void mutate()}
            >
              {t('retry')}
            </Button>
          </div>
        ) : isLoading || !data ? (
          <div className="mt-4 space-y-3">
            <p role="status" className="sr-only">
              {t('loading')}
            </p>
            <Skeleton className="h-20" />
            <Skeleton className="h-20" />
          </div>
        ) : data.length === 0 ? (
          <p className="mt-4 text-slate-700" data-testid="sessions-empty">
            {t('empty')}
          </p>
        ) : (
          <ul
            className="mt-4 divide-y divide-slate-200 rounded-xl border border-slate-200"
            data-testid="sessions"
          >
            {data.map((s) => {
              const mobile = summariseUserAgent(s.userAgent).mobile;
              const Icon = mobile ? Smartphone : Laptop;
              const name = deviceName(s.userAgent);
              return (
                <li
                  key={s.id}
                  className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between"
                  data-testid="session"
                  data-current={s.current}
                >
                  <div className="flex min-w-0 items-start gap-3">
                    <Icon className="mt-0.5 size-6 shrink-0 text-slate-500" aria-hidden />
                    <div className="min-w-0">
                      <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                        <span className="break-words" title={s.userAgent ?? undefined}>
                          {name}
                        </span>
                        {s.current ? (
                          <span
                            className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900"
                            data-testid="this-device"
                          >
                            {t('thisDevice')}
                          </span>
                        ) : null}
                      </p>
                      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-sm text-slate-700">
                        <dt>{t('ip')}</dt>
                        <dd className="break-all">{s.ipAddress || t('unknownIp')}</dd>
                        <dt>{t('signedIn')}</dt>
                        <dd>{when(s.createdAt)}</dd>
                        <dt>{t('lastActive')}</dt>
                        <dd>{when(s.updatedAt)}</dd>
                      </dl>
                    </div>
                  </div>
                  {s.current ? null : (
                    <Button
                      type="button"
                      variant="secondary"
                      size="sm"
                      className="self-start sm:self-center"
                      loading={busy === s.id}
                      onClick={() => void signOut(s)}
                      data-testid="session-sign-out"
                    >
                      {t('signOut')}
                      <span className="sr-only">: {name}</span>
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <Dialog
        open={confirmAll}
        onOpenChange={(open) => {
          setConfirmAll(open);
          setAllError(null);
        }}
        title={t('confirmTitle')}
        description={t('confirmText', { count: others })}
        closeLabel={t('close')}
      >
        {allError ? (
          <p role="alert" className="mb-3 text-sm font-medium text-red-800">
            {allError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="danger"
            loading={busy === 'all'}
            onClick={() => void signOutOthers()}
            data-testid="confirm-sign-out-others"
          >
            {t('confirm')}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirmAll(false)}>
            {t('cancel')}
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}
