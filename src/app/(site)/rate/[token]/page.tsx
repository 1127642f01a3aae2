import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/server/db/runtime';
import { getRatingView } from '@/features/ratings/server/get-rating';
import { RatingPage } from '@/features/ratings/components/rating-page';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('ratings');
  return { title: t('metaTitle'), robots: { index: false, follow: false }, referrer: 'no-referrer' as const };
}

/** The signed rating link from the e-mail sent after collection. Rendering it never changes anything. */
export default async function RatePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await getRatingView(await getDb(), decodeURIComponent(token));
  if (!view) notFound();
  return (
    <div className="mx-auto max-w-xl px-4 py-8 sm:py-10">
      <RatingPage initial={view} token={decodeURIComponent(token)} />
    </div>
  );
}
