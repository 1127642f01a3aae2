import { getTranslations } from 'next-intl/server';
import { Skeleton } from '@/components/ui/skeleton';

export default async function MyRepairLoading() {
  const t = await getTranslations('portal');
  return (
    <div className="mx-auto max-w-4xl px-4 py-8 sm:py-10">
      <p role="status" className="sr-only">
        {t('loading')}
      </p>
      <Skeleton className="h-4 w-24" />
      <Skeleton className="mt-4 h-9 w-64" />
      <Skeleton className="mt-6 h-24 w-full" />
      <Skeleton className="mt-6 h-20 w-full" />
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
      </div>
    </div>
  );
}
