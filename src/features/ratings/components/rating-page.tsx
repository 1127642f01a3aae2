'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { CheckCircle2, Star } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { RatingView } from '../schemas';
import { RATING_COMMENT_MAX, RATING_SCORES } from '../limits';
import { ratingsClient } from './api-client';
import { Stars } from './stars';

type Problem = { detail?: string; errors?: Array<{ path: string; message: string }> };

/** The rating page: the repair, five stars and a comment; then thanks, or what was given before. */
export function RatingPage({ initial, token }: { initial: RatingView; token: string }) {
  const t = useTranslations('ratings');
  const format = useFormatter();
  const [view, setView] = useState(initial);
  const [justRated, setJustRated] = useState(false);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const ids = { stars: useId(), comment: useId(), counter: useId(), error: useId() };
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'long' });

  useEffect(() => {
    if (justRated) doneRef.current?.focus();
  }, [justRated]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (score === null) {
      setError(t('chooseScore'));
      return;
    }
    setSending(true);
    setError(null);
    try {
      const trimmed = comment.trim();
      const res = await ratingsClient.ratings[':token'].$post({
        param: { token },
        json: trimmed ? { score, comment: trimmed } : { score },
      });
      if (res.status === 201) {
        setView((await res.json()) as RatingView);
        setJustRated(true);
        return;
      }
      if (res.status === 409) {
        // rated already (another tab or device): show what is stored
        const fresh = await ratingsClient.ratings[':token'].$get({ param: { token } });
        if (fresh.ok) setView((await fresh.json()) as RatingView);
        return;
      }
      const status: number = res.status;
      const problem = (await res.json().catch(() => ({}))) as Problem;
      setError(
        status === 404
          ? t('invalidText')
          : status === 429
            ? t('tooMany')
            : (problem.errors?.[0]?.message ?? t('failed')),
      );
    } catch {
      setError(t('failed'));
    } finally {
      setSending(false);
    }
  }

  const header = (
    <div>
      <p className="text-sm font-medium text-slate-600">{t('reference')}</p>
      <p className="font-mono text-2xl font-bold tracking-wider" data-testid="rating-reference">
        {view.reference}
      </p>
      <p className="mt-1 text-slate-700" data-testid="rating-repair">
        {t('repairAt', { device: view.device, shop: view.shopName, date: day(view.collectedAt) })}
      </p>
    </div>
  );

  if (view.rating) {
    const given = view.rating;
    return (
      <div className="space-y-6">
        {header}
        <Card>
          <div
            ref={doneRef}
            tabIndex={-1}
            role="status"
            className="outline-none"
            data-testid={justRated ? 'rating-thanks' : 'rating-already'}
          >
            <h1 className="flex items-center gap-2 text-xl font-bold">
              <CheckCircle2 className="size-6 text-emerald-600" aria-hidden />
              {justRated ? t('thanksTitle') : t('alreadyTitle')}
            </h1>
            <p className="mt-2 text-slate-700">
              {justRated ? t('thanksText') : t('alreadyText', { date: day(given.createdAt) })}
            </p>
          </div>
          <div className="mt-4 space-y-2" data-testid="rating-given">
            <Stars score={given.score} label={t('outOf', { score: given.score })} />
            {given.comment ? (
              <blockquote className="border-l-4 border-slate-200 pl-3 break-words whitespace-pre-wrap text-slate-800">
                {given.comment}
              </blockquote>
            ) : null}
          </div>
        </Card>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {header}
      <Card>
        <h1 className="text-xl font-bold">{t('title')}</h1>
        <p className="mt-1 text-slate-700">{t('lead')}</p>
        <form className="mt-4 space-y-5" onSubmit={submit} noValidate>
          <fieldset aria-describedby={error ? ids.error : undefined}>
            <legend className="font-medium text-slate-900" id={ids.stars}>
              {t('scoreLegend')}
            </legend>
            <div className="mt-2 flex flex-wrap gap-1" data-testid="rating-stars">
              {RATING_SCORES.map((n) => (
                <label
                  key={n}
                  className="relative inline-flex size-11 cursor-pointer items-center justify-center rounded-lg has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand"
                >
                  <input
                    type="radio"
                    name="score"
                    value={n}
                    checked={score === n}
                    onChange={() => setScore(n)}
                    className="peer sr-only"
                    aria-label={t('outOf', { score: n })}
                  />
                  <Star
                    aria-hidden
                    className={
                      score !== null && n <= score
                        ? 'size-8 fill-amber-400 text-amber-500'
                        : 'size-8 text-slate-400'
                    }
                  />
                </label>
              ))}
            </div>
            <p className="mt-1 text-sm text-slate-600" aria-live="polite">
              {score !== null ? t('outOf', { score }) : t('noScore')}
            </p>
          </fieldset>
          <div>
            <label htmlFor={ids.comment} className="font-medium text-slate-900">
              {t('commentLabel')}
            </label>
            <textarea
              id={ids.comment}
              name="comment"
              rows={4}
              maxLength={RATING_COMMENT_MAX}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              aria-describedby={ids.counter}
              className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-base focus:border-brand focus:ring-2 focus:ring-brand focus:outline-none"
              data-testid="rating-comment"
            />
            <p
              id={ids.counter}
              className="mt-1 text-right text-sm text-slate-600"
              data-testid="rating-counter"
            >
              {t('counter', { count: comment.length, max: RATING_COMMENT_MAX })}
            </p>
          </div>
          {error ? (
            <p id={ids.error} role="alert" className="text-red-700" data-testid="rating-error">
              {error}
            </p>
          ) : null}
          <Button type="submit" loading={sending} className="w-full sm:w-auto" data-testid="rating-submit">
            {t('submit')}
          </Button>
        </form>
      </Card>
    </div>
  );
}
