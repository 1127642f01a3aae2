import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';

export default async function MyRepairNotFound() {
  const t = await getTranslations('portal');
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t('notFoundTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('notFoundText')}</p>
      <Button asChild className="mt-6">
        <Link href="/account">{t('notFoundBack')}</Link>
      </Button>
    </div>
  );
}
