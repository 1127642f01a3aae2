import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { WifiOff } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

/**
 * /offline: what the service worker shows for a page it has no copy of while the device is
 * offline (precached at install, fetched without cookies, so it shows nobody's data).
 */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('pwa.offline');
  return { title: t('title'), robots: { index: false } };
}

export default async function OfflinePage() {
  const t = await getTranslations('pwa.offline');
  const items = ['drafts', 'repairs', 'console', 'catalogue'] as const;
  return (
    <div className="mx-auto max-w-xl px-4 py-12 sm:py-16">
      <Card>
        <div className="flex items-start gap-3">
          <WifiOff aria-hidden className="mt-1 size-6 shrink-0 text-slate-500" />
          <div>
            <h1 className="text-2xl font-bold" data-testid="offline-title">
              {t('title')}
            </h1>
            <p className="mt-2 text-slate-700">{t('lead')}</p>
          </div>
        </div>
        <h2 className="mt-6 font-semibold text-slate-900">{t('stillWorks')}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
          {items.map((key) => (
            <li key={key}>{t(`works.${key}`)}</li>
          ))}
        </ul>
        <p className="mt-4 text-sm text-slate-600">{t('retryHint')}</p>
        <Button asChild className="mt-6">
          <Link href="/">{t('home')}</Link>
        </Button>
      </Card>
    </div>
  );
}
