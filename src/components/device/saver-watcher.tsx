'use client';
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { startSaverWatch, useSaver } from './saver';

/**
 * Mounted once in the root layout: keeps `html[data-saver="on"]` true to the browser's signals
 * (reduced motion, Save-Data, a low battery), and says so in one quiet line above the footer
 * while it is on (why live updates come slower, why nothing moves).
 */
export function SaverWatcher() {
  const t = useTranslations('saver');
  const { on, reasons } = useSaver();
  useEffect(() => startSaverWatch(), []);
  if (!on) return null;
  return (
    <p data-testid="saver-notice" className="mx-auto w-full max-w-6xl px-4 py-2 text-xs text-slate-600">
      {t('notice', { reasons: reasons.map((r) => t(r)).join(', ') })}
    </p>
  );
}
