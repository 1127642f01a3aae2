import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { getDb } from '@/server/db/runtime';
import { getBranding } from '@/server/branding';
import { getSmtpSettings } from '@/features/email/server/get-smtp-settings';
import { SmtpSetupForm } from '@/features/email/components/smtp-setup-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('email.setup');
  return { title: t('title'), robots: { index: false } };
}

export default async function EmailSetupPage() {
  await requirePageRole('admin', '/admin/email-setup');
  const t = await getTranslations('email.setup');
  const settings = await getSmtpSettings(await getDb());
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold text-slate-900">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
        <Link href="/admin/email/outbox" className="text-sm font-medium text-brand underline">
          {t('outboxLink')}
        </Link>
      </div>
      <SmtpSetupForm settings={settings} shopName={getBranding().shopName} />
    </div>
  );
}
