'use client';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

export default function MyRepairError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('portal');
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center" role="alert">
      <h1 className="text-2xl font-bold">{t('errorTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('errorText')}</p>
      <Button className="mt-6" onClick={reset}>
        {t('retry')}
      </Button>
    </div>
  );
}
