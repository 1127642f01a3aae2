import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { AuditLog } from '@/features/audit/components/audit-log';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('audit'))('title'), robots: { index: false } };
}

export default async function AdminAuditPage() {
  await requirePageRole('admin', '/admin/audit');
  const t = await getTranslations('audit');
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-bold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('lead')}</p>
      <div className="mt-6">
        <AuditLog />
      </div>
    </div>
  );
}
