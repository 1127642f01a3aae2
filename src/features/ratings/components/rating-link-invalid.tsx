import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';

/** A rating link that does not work: bad, expired, or for a repair not collected (one answer). */
export async function RatingLinkInvalid() {
  const t = await getTranslations('ratings');
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center" data-testid="rating-invalid">
      <h1 className="text-2xl font-bold">{t('invalidTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('invalidText')}</p>
      <Button asChild className="mt-6">
        <Link href="/">{t('home')}</Link>
      </Button>
    </div>
  );
}
