import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { GivenRating } from '../schemas';
import { Stars } from './stars';

/**
 * The customer's rating on the staff order page (a server component): stars, comment and date
 * once given. The page shows it to staff of the order's shop (or tied to no shop) only
 * (`getStaffOrderRating`).
 * The page refreshes live when the `rated` event arrives on the order's timeline.
 */
export async function OrderRatingPanel({
  rating,
  timeZone,
}: {
  rating: GivenRating | null;
  timeZone: string;
}) {
  const t = await getTranslations('ratings');
  const format = await getFormatter();
  return (
    <Card role="region" aria-labelledby="order-rating-heading" data-testid="order-rating">
      <h2 id="order-rating-heading" className="text-lg font-semibold">
        {t('staff.title')}
      </h2>
      {rating ? (
        <div className="mt-3 space-y-2">
          <div className="flex flex-wrap items-center gap-3">
            <Stars score={rating.score} label={t('outOf', { score: rating.score })} />
            <span className="font-semibold" data-testid="order-rating-score">
              {t('outOf', { score: rating.score })}
            </span>
          </div>
          <p className="text-sm text-slate-600">
            {t('staff.given', {
              date: format.dateTime(new Date(rating.createdAt), {
                dateStyle: 'medium',
                timeStyle: 'short',
                timeZone,
              }),
            })}
          </p>
          {rating.comment ? (
            <blockquote
              className="border-l-4 border-slate-200 pl-3 break-words whitespace-pre-wrap text-slate-800"
              data-testid="order-rating-comment"
            >
              {rating.comment}
            </blockquote>
          ) : (
            <p className="text-slate-600">{t('staff.noComment')}</p>
          )}
        </div>
      ) : (
        <p className="mt-3 text-slate-700">{t('staff.none')}</p>
      )}
    </Card>
  );
}
