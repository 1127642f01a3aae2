import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { getBranding } from '@/server/branding';

/** Its own title, not the home page's (absolute: the layout's template would add the shop twice). */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return {
    title: { absolute: t('notFoundPageTitle', { shop: getBranding().shopName }) },
    robots: { index: false },
  };
}

export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t('notFoundTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('notFoundText')}</p>
      <Button asChild className="mt-6">
        <Link href="/">{t('home')}</Link>
      </Button>
    </div>
  );
}
