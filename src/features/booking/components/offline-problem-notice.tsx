'use client';
import { useTranslations } from 'next-intl';
import { TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { OfflineProblem } from './use-offline-booking';

const MESSAGE = {
  'slot-taken': 'slotTaken',
  'price-changed': 'priceChanged',
  failed: 'failed',
} as const;

/** Above the reopened form: why the booking kept on this device was not made. */
export function OfflineProblemNotice({
  kind,
  onDiscard,
}: {
  kind: OfflineProblem['kind'];
  onDiscard: () => void;
}) {
  const t = useTranslations('booking.offline');
  return (
    <div
      role="alert"
      className="flex flex-col gap-3 rounded-2xl border border-red-300 bg-red-50 p-4 text-red-950 sm:flex-row sm:items-start sm:justify-between"
      data-testid={`offline-${kind}`}
    >
      <p className="flex items-start gap-2">
        <TriangleAlert className="mt-0.5 size-5 shrink-0" aria-hidden />
        <span>
          <strong className="block">{t('problemTitle')}</strong>
          {t(MESSAGE[kind])}
        </span>
      </p>
      <Button variant="secondary" size="sm" onClick={onDiscard} className="shrink-0">
        {t('discard')}
      </Button>
    </div>
  );
}
