import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ChevronRight, KeyRound, MailWarning, ShieldCheck, Wrench } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDb } from '@/server/db/runtime';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { listMyRepairs } from '@/features/portal/server/list-my-repairs';
import { ResendVerificationButton, SignOutButton } from '@/features/auth/components/account-actions';
import { formatMoney } from '@/features/pricing/money';
import { StatusBadge } from '@/features/repairs/components';
import { RepairProgress } from '@/features/repairs/components/repair-progress';
import { NextStepText } from '@/features/repairs/components/next-step-text';
import { getPreferences } from '@/features/notifications/server/preferences';
import { NotificationSettings } from '@/features/notifications/components/notification-settings';
import { PullToRefresh } from '@/components/device/pull-to-refresh';
import { refreshLabels } from '@/features/console/components/refresh-labels';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('account'))('title') };
}

export default async function AccountPage() {
  const user = await requirePageRole('customer', '/account');
  const t = await getTranslations('account');
  const format = await getFormatter();
  const db = await getDb();
  const [repairs, preferences] = await Promise.all([listMyRepairs(db, user.id), getPreferences(db, user)]);
  const tNotify = await getTranslations('notificationSettings');
  const tRefresh = await getTranslations('queueCards.refresh');
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h1 className="text-3xl font-bold">{t('title')}</h1>
          <p className="mt-1 text-slate-700" data-testid="account-email">
            {user.name} · {user.email}
          </p>
        </div>
        <SignOutButton />
      </div>

      {user.emailVerified ? (
        <p className="mt-6 flex items-center gap-2 text-emerald-800" data-testid="email-verified">
          <ShieldCheck className="size-5" aria-hidden /> {t('verified')}
        </p>
      ) : (
        <Card className="mt-6 border-amber-300 bg-amber-50" data-testid="verify-prompt">
          <div className="flex gap-3">
            <MailWarning className="mt-0.5 size-6 shrink-0 text-amber-700" aria-hidden />
            <div>
              <h2 className="font-semibold">{t('unverifiedTitle')}</h2>
              <p className="mt-1 text-slate-800">{t('unverifiedText', { email: user.email })}</p>
              <ResendVerificationButton />
            </div>
          </div>
        </Card>
      )}

      <Card className="mt-6 p-0 sm:p-0">
        <Link
          href="/account/security"
          className="flex items-center gap-3 rounded-2xl p-4 hover:bg-slate-50 sm:p-5"
          data-testid="security-link"
        >
          <KeyRound className="size-6 shrink-0 text-slate-600" aria-hidden />
          <span className="min-w-0 flex-1">
            <span className="block font-semibold text-slate-900">{t('securityLink')}</span>
            <span className="block text-sm text-slate-700">
              {user.twoFactorEnabled ? t('securityOn') : t('securityOff')}
            </span>
          </span>
          <ChevronRight className="size-5 shrink-0 text-slate-500" aria-hidden />
        </Link>
      </Card>

      <section aria-labelledby="notifications-title" id="notifications" className="mt-10 scroll-mt-20">
        <h2 id="notifications-title" className="text-2xl font-bold">
          {tNotify('title')}
        </h2>
        <p className="mt-1 text-slate-700">{tNotify('lead')}</p>
        <Card className="mt-4">
          <NotificationSettings initial={preferences} />
        </Card>
      </section>

      <section aria-labelledby="repairs-title" className="mt-10">
        <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
          <h2 id="repairs-title" className="text-2xl font-bold">
            {t('repairsTitle')}
          </h2>
          <div className="flex items-center gap-2">
            <PullToRefresh labels={refreshLabels(tRefresh)} />
            <Button asChild variant="secondary" size="sm" className="min-h-11">
              <Link href="/book-repair">{t('bookAnother')}</Link>
            </Button>
          </div>
        </div>
        {repairs.length === 0 ? (
          <Card className="mt-4 text-center" data-testid="repairs-empty">
            <Wrench className="mx-auto size-8 text-slate-400" aria-hidden />
            <p className="mt-2 text-slate-700">
              {user.emailVerified ? t('emptyVerified') : t('emptyUnverified')}
            </p>
          </Card>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-2" data-testid="my-repairs">
            {repairs.map((r) => (
              <li key={r.reference}>
                <Card
                  className="relative flex h-full flex-col transition hover:border-brand/50 hover:shadow-md"
                  data-testid="repair-card"
                  data-reference={r.reference}
                >
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <p className="font-mono text-sm text-slate-600">{r.reference}</p>
                      <h3 className="text-lg font-semibold">
                        {/* the whole card is the link (its ::after covers the card) */}
                        <Link
                          href={`/account/repairs/${r.reference}`}
                          className="after:absolute after:inset-0 after:rounded-2xl after:content-['']"
                          data-testid="repair-link"
                        >
                          {r.device}
                        </Link>
                      </h3>
                      <p className="text-sm text-slate-700">{r.repairs.join(', ')}</p>
                    </div>
                    <StatusBadge status={r.status} />
                  </div>
                  <RepairProgress
                    className="mt-4"
                    progress={r.progress}
                    cancelled={r.status === 'cancelled'}
                    label={t('progress', { reference: r.reference })}
                  />
                  <p className="mt-3 text-sm text-slate-800" data-testid="repair-next-step">
                    <span className="font-semibold">{t('nextStep')}: </span>
                    <NextStepText step={r.nextStep} timeZone={r.timeZone} />
                  </p>
                  <div className="mt-auto flex flex-wrap items-end justify-between gap-x-4 gap-y-1 pt-3 text-sm text-slate-700">
                    <p>
                      {t('bookedOn', {
                        date: format.dateTime(new Date(r.createdAt), {
                          dateStyle: 'medium',
                          timeZone: r.timeZone,
                        }),
                      })}
                    </p>
                    <p className="font-medium text-slate-900 tabular-nums" data-testid="repair-total">
                      {r.agreedTotalMinor !== r.totalMinor
                        ? t('agreed', { amount: formatMoney(r.agreedTotalMinor, r.currency) })
                        : t('quoted', { amount: formatMoney(r.totalMinor, r.currency) })}
                    </p>
                  </div>
                  <p aria-hidden className="mt-3 flex items-center gap-1 text-sm font-medium text-brand">
                    {t('viewRepair')} <ChevronRight className="size-4" />
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
