import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { getDb } from '@/server/db/runtime';
import { listShopRows } from '@/features/shops/server/list-shops';
import { WalkInForm } from '@/features/console/components/walk-in-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('staff.walkIn'))('title'), robots: { index: false } };
}

export default async function WalkInPage() {
  const me = await requirePageRole('technician', '/staff/walk-in');
  const t = await getTranslations('staff.walkIn');
  const shops = (await listShopRows(await getDb())).map((s) => ({ slug: s.slug, name: s.name }));
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <Link
        href="/staff"
        className="inline-flex min-h-11 items-center gap-1 font-medium text-brand underline-offset-4 hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t('back')}
      </Link>
      <h1 className="mt-4 text-3xl font-bold">{t('title')}</h1>
      <p className="mt-1 text-slate-700">{t('lead')}</p>
      <div className="mt-6">
        <WalkInForm shops={shops} myShop={me.shopSlug} />
      </div>
    </div>
  );
}
