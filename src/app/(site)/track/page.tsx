import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { TrackLookupForm } from '@/features/portal/components/track-lookup-form';

export async function generateMetadata() {
  const t = await getTranslations('track');
  return { title: t('lookupTitle') };
}

export default async function TrackLookupPage() {
  const t = await getTranslations('track');
  return (
    <div className="mx-auto max-w-xl px-4 py-10">
      <h1 className="text-3xl font-bold">{t('lookupTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('lookupLead')}</p>
      <Card className="mt-6">
        <TrackLookupForm />
      </Card>
    </div>
  );
}
