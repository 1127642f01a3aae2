import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { publicBaseUrl } from '@/server/http/base-url';
import { ScanPage } from '@/features/scanner/components';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('scanner'))('title'), robots: { index: false } };
}

export default async function StaffScanPage() {
  await requirePageRole('technician', '/staff/scan');
  const t = await getTranslations('scanner');
  return (
    <div className="mx-auto max-w-xl px-4 py-8">
      <Link
        href="/staff"
        className="inline-flex min-h-11 items-center gap-1 font-medium text-brand underline-offset-4 hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t('back')}
      </Link>
      <h1 className="mt-2 text-3xl font-bold">{t('title')}</h1>
      <p className="mt-1 text-slate-700">{t('lead')}</p>
      <div className="mt-6">
        <ScanPage publicBaseUrl={publicBaseUrl()} />
      </div>
    </div>
  );
}
