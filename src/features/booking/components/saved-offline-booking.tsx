'use client';
import { useEffect, useRef, useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { CloudOff, Loader2, RefreshCw, X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useOnlineStatus, type OutboxItem } from '@/features/offline/components';
import type { QuoteDto } from '@/features/pricing/schemas';
import { formatMoney } from '@/features/pricing';
import type { Shop } from '@/features/shops/schemas';
import type { BookingDraft } from './use-booking-draft';

/**
 * The booking kept on this device while offline: what it is, that it goes out by itself once
 * the connection is back, and a way to cancel it. Its status line is a live region.
 */
export function SavedOfflineBooking({
  item,
  draft,
  shops,
  quote,
  onCancel,
  onSendNow,
}: {
  item: OutboxItem;
  draft: BookingDraft;
  shops: Shop[];
  quote: QuoteDto | null | undefined;
  onCancel: () => Promise<void>;
  onSendNow: () => Promise<unknown>;
}) {
  const t = useTranslations('booking.offline');
  const tb = useTranslations('booking');
  const format = useFormatter();
  const online = useOnlineStatus();
  const [busy, setBusy] = useState<'cancel' | 'send' | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shop = shops.find((s) => s.slug === draft.shop);
  const sending = item.state === 'sending' || busy === 'send';

  // focus moves to the new state so keyboard and screen-reader users land on it
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const slot =
    draft.serviceType === 'drop_off' && draft.slot
      ? format.dateTime(new Date(draft.slot), {
          dateStyle: 'full',
          timeStyle: 'short',
          timeZone: shop?.timeZone ?? 'Europe/London',
        })
      : null;

  return (
    <section
      aria-labelledby="offline-saved-title"
      className="rounded-2xl border border-amber-300 bg-amber-50 p-4 shadow-sm sm:p-6"
      data-testid="offline-saved"
    >
      <div className="flex items-start gap-3">
        <CloudOff className="mt-1 size-6 shrink-0 text-amber-800" aria-hidden />
        <div className="min-w-0 flex-1">
          <h2
            id="offline-saved-title"
            ref={headingRef}
            tabIndex={-1}
            className="text-xl font-semibold text-amber-950 outline-none"
          >
            {t('savedTitle')}
          </h2>
          <p role="status" aria-live="polite" className="mt-1 text-amber-950" data-testid="offline-status">
            {sending ? t('sending') : online ? t('savedOnline') : t('savedLead')}
          </p>
        </div>
      </div>

      <dl className="mt-4 grid gap-4 rounded-xl bg-white p-4 text-slate-800 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600">{tb('summaryDevice')}</dt>
          <dd className="font-medium break-words">{item.label}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{tb('summaryService')}</dt>
          <dd className="font-medium">
            {slot ? (
              <>
                {slot}
                <span className="block font-normal">{shop?.name}</span>
              </>
            ) : (
              tb('service.mail_in')
            )}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t('customer')}</dt>
          <dd className="font-medium break-words">
            {draft.name}
            <span className="block font-normal">{draft.email}</span>
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{tb('summaryPayment')}</dt>
          <dd className="font-medium">
            {quote ? `${formatMoney(quote.totalMinor, quote.currency)} · ` : null}
            {tb('paymentSummary.collection')}
          </dd>
        </div>
      </dl>

      <p className="mt-4 text-sm text-amber-950">{t('savedHint')}</p>

      <div className="mt-4 flex flex-col gap-2 sm:flex-row">
        {online ? (
          <Button
            onClick={async () => {
              setBusy('send');
              try {
                await onSendNow();
              } finally {
                setBusy(null);
              }
            }}
            disabled={busy !== null || sending}
            data-testid="offline-send-now"
          >
            {sending ? (
              <Loader2 className="size-4 animate-spin" aria-hidden />
            ) : (
              <RefreshCw className="size-4" aria-hidden />
            )}
            {t('sendNow')}
          </Button>
        ) : null}
        <Button
          variant="secondary"
          onClick={async () => {
            setBusy('cancel');
            try {
              await onCancel();
            } finally {
              setBusy(null);
            }
          }}
          disabled={busy !== null || item.state === 'sending'}
          data-testid="offline-cancel"
        >
          <X className="size-4" aria-hidden /> {t('cancel')}
        </Button>
      </div>
    </section>
  );
}
