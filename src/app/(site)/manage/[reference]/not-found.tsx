import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';

export default async function ManageNotFound() {
  const t = await getTranslations('manage');
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t('notFoundTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('notFoundText')}</p>
      <Button asChild className="mt-6">
        <Link href="/book-repair">{t('bookCta')}</Link>
      </Button>
    </div>
  );
}
