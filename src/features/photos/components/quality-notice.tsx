'use client';
import { Camera, Check } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import type { PhotoQuality, PhotoQualityCode } from '../photo-quality-rules';

const KEYS: Record<PhotoQualityCode, 'tooDark' | 'tooBright' | 'blurry' | 'tooSmall'> = {
  'too-dark': 'tooDark',
  'too-bright': 'tooBright',
  blurry: 'blurry',
  'too-small': 'tooSmall',
};

/**
 * "Retake: too dark" under a photo whose quality check found problems, with what to do about
 * each, and Retake / Keep. An alert, so a screen reader says it as soon as it appears; the
 * photo is kept unless the person retakes it (a dead black screen is dark on purpose).
 */
export function QualityNotice({
  quality,
  name,
  onRetake,
  onKeep,
  showName,
}: {
  quality: PhotoQuality;
  /** the photo's name, for the buttons' accessible names */
  name: string;
  onRetake?: () => void;
  onKeep: () => void;
  /** say which photo (where the notice is not beside it) */
  showName?: boolean;
}) {
  const t = useTranslations('photoQuality');
  const codes = quality.problems.map((p) => p.code);
  return (
    <div
      role="alert"
      className="mt-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950"
      data-testid="photo-quality-notice"
      data-problems={codes.join(' ')}
    >
      {showName ? <p className="text-sm text-amber-900">{name}</p> : null}
      <p className="font-semibold">
        {t('retake', { problems: codes.map((c) => t(`problems.${KEYS[c]}`)).join(', ') })}
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
        {codes.map((c) => (
          <li key={c}>{t(`hints.${KEYS[c]}`)}</li>
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap gap-2">
        {onRetake ? (
          <Button
            type="button"
            size="sm"
            className="min-h-11"
            onClick={onRetake}
            aria-label={t('retakeLabel', { name })}
            data-testid="photo-quality-retake"
          >
            <Camera className="size-4" aria-hidden />
            {t('retakeButton')}
          </Button>
        ) : null}
        <Button
          type="button"
          size="sm"
          variant="secondary"
          className="min-h-11"
          onClick={onKeep}
          aria-label={t('keepLabel', { name })}
          data-testid="photo-quality-keep"
        >
          <Check className="size-4" aria-hidden />
          {t('keepButton')}
        </Button>
      </div>
    </div>
  );
}
