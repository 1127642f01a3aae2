import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft, ShieldAlert } from 'lucide-react';
import { env } from '@/env';
import { getBranding } from '@/server/branding';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { safeNextPath } from '@/features/auth/safe-next';
import { twoFactorRequiredFor } from '@/features/access/two-factor-policy';
import { TwoFactorSection } from '@/features/auth/components/two-factor-section';
import { SessionsList } from '@/features/auth/components/sessions-list';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('accountSecurity'))('title'), robots: { index: false } };
}

type SearchParams = Promise<{ setup?: string | string[]; next?: string | string[] }>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AccountSecurityPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const forced = first(sp.setup) === 'required';
  const rawNext = first(sp.next);
  const next = rawNext ? safeNextPath(rawNext) : null;
  const here = `/account/security${forced ? `?setup=required${next ? `&next=${encodeURIComponent(next)}` : ''}` : ''}`;
  // this page is where staff without two-factor are sent, so it must open for them
  const user = await requirePageRole('customer', here, { allowWithoutTwoFactor: true });
  const t = await getTranslations('accountSecurity');
  const required = twoFactorRequiredFor(user.role, env.STAFF_TWO_FACTOR);
  const { shopName } = getBranding();

  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:py-10">
      <nav aria-label={t('backToAccount')}>
        <Link
          href="/account"
          className="inline-flex min-h-11 items-center gap-1.5 text-sm font-medium text-brand underline underline-offset-4"
        >
          <ArrowLeft className="size-4" aria-hidden /> {t('backToAccount')}
        </Link>
      </nav>
      <h1 className="mt-4 text-3xl font-bold">{t('title')}</h1>
      <p className="mt-1 text-slate-700">{t('lead')}</p>

      {required && !user.twoFactorEnabled ? (
        <div
          className="mt-6 flex gap-3 rounded-2xl border border-amber-300 bg-amber-50 p-4 sm:p-5"
          data-testid="two-factor-required"
        >
          <ShieldAlert className="mt-0.5 size-6 shrink-0 text-amber-700" aria-hidden />
          <div>
            <h2 className="font-semibold">{t('requiredTitle')}</h2>
            <p className="mt-1 text-slate-800">
              {t(next && next !== '/account' ? 'requiredTextNext' : 'requiredText')}
            </p>
          </div>
        </div>
      ) : forced && next && user.twoFactorEnabled ? (
        <p className="mt-6">
          <Link
            href={next}
            className="font-medium text-brand underline underline-offset-4"
            data-testid="continue-next"
          >
            {t('continue')}
          </Link>
        </p>
      ) : null}

      <div className="mt-6 space-y-6">
        <TwoFactorSection
          enabled={user.twoFactorEnabled}
          canTurnOff={!required}
          email={user.email}
          shopName={shopName}
          continueTo={forced ? (next ?? '/account') : null}
        />
        <SessionsList />
      </div>
    </div>
  );
}
