import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { env } from '@/env';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { SecurityEvents } from '@/features/security/components/security-events';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('securityEvents'))('title'), robots: { index: false } };
}

export default async function AdminSecurityPage() {
  await requirePageRole('admin', '/admin/security');
  const t = await getTranslations('securityEvents');
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-bold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">
        {t('lead', { stepUp: env.RISK_STEP_UP_SCORE, block: env.RISK_BLOCK_SCORE })}{' '}
        <Link href="/admin/audit" className="font-medium text-brand underline">
          {t('auditLink')}
        </Link>
      </p>
      <div className="mt-6">
        <SecurityEvents />
      </div>
    </div>
  );
}
