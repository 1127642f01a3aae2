'use client';
import Link from 'next/link';
import QRCode from 'qrcode';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { CheckCircle2, FileDown, Settings2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { QuoteSummary } from '@/features/pricing/components';
import { isCaptured } from '@/features/payments';
import { usePaymentText, receiptUrl } from '@/features/payments/components';
import type { BookingConfirmation } from '../schemas';
import { useSlotLabel } from './use-slot-label';
import { CalendarButtons } from './calendar-buttons';
import { markInstallEngagement } from '@/features/pwa/components';
import { NotifyWhenReady } from '@/features/notifications/components';
import { BookingPhotoUploads } from './booking-photo-uploads';
import type { DamagePhoto } from './damage-photos-section';

export function BookingSuccess({
  booking,
  photos = [],
  onStartOver,
}: {
  booking: BookingConfirmation;
  /** photos of the damage picked in the form, sent from here */
  photos?: DamagePhoto[];
  onStartOver: () => void;
}) {
  const t = useTranslations('booking');
  const tManage = useTranslations('manage');
  const tPay = useTranslations('payments');
  const paymentText = usePaymentText();
  const paid = booking.payment && isCaptured(booking.payment.status) ? booking.payment : null;
  const [qr, setQr] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const trackPath = new URL(booking.trackingUrl).pathname + new URL(booking.trackingUrl).search;
  const managePath = booking.manageUrl
    ? new URL(booking.manageUrl).pathname + new URL(booking.manageUrl).search
    : null;

  useEffect(() => {
    heading.current?.focus();
    markInstallEngagement('booking'); // a finished booking: the app is worth offering now
    QRCode.toDataURL(booking.trackingUrl, { margin: 1, width: 240, errorCorrectionLevel: 'M' })
      .then(setQr)
      .catch(() => setQr(null));
  }, [booking.trackingUrl]);

  const slot = useSlotLabel(booking);

  return (
    <div data-testid="booking-success" className="space-y-6">
      <Card className="border-emerald-300">
        <div className="flex items-start gap-3">
          <CheckCircle2 className="mt-1 size-8 shrink-0 text-emerald-600" aria-hidden />
          <div>
            <h2 ref={heading} tabIndex={-1} className="text-2xl font-bold outline-none">
              {t('successTitle')}
            </h2>
            <p className="mt-1 text-slate-700">{t('successLead', { email: booking.customer.email })}</p>
          </div>
        </div>
        <div className="mt-6 grid gap-6 sm:grid-cols-[1fr_auto] sm:items-center">
          <div>
            <p className="text-sm font-medium text-slate-600">{t('referenceLabel')}</p>
            <p className="font-mono text-3xl font-bold tracking-wider" data-testid="booking-reference">
              {booking.reference}
            </p>
            <p className="mt-2 text-sm text-slate-600">{t('referenceHint')}</p>
          </div>
          {qr ? (
            // eslint-disable-next-line @next/next/no-img-element -- a generated data: URL
            <img
              src={qr}
              alt={t('qrAlt')}
              width={160}
              height={160}
              className="rounded-lg border border-slate-200"
              data-testid="booking-qr"
            />
          ) : null}
        </div>
        <div className="mt-6 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
          <Button asChild>
            <Link href={trackPath} data-testid="track-link">
              {t('trackCta')}
            </Link>
          </Button>
          {managePath ? (
            <Button asChild variant="secondary">
              <Link href={managePath} data-testid="manage-link">
                <Settings2 className="size-4" aria-hidden /> {tManage('confirmationLink')}
              </Link>
            </Button>
          ) : null}
          {booking.service.type === 'drop_off' ? (
            <CalendarButtons
              ics={{
                href: booking.calendarUrl,
                filename: `${booking.reference}.ics`,
                label: t('icsDownload'),
                testId: 'ics-download',
              }}
              google={booking.googleCalendarUrl}
              outlook={booking.outlookCalendarUrl}
              labels={{ google: t('googleCalendar'), outlook: t('outlookCalendar') }}
            />
          ) : null}
        </div>
      </Card>
      <BookingPhotoUploads booking={booking} photos={photos} />
      <NotifyWhenReady />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <h3 className="text-lg font-semibold">{t('summaryTitle')}</h3>
          <dl className="mt-3 space-y-2 text-slate-800">
            <div>
              <dt className="text-sm text-slate-600">{t('summaryDevice')}</dt>
              <dd className="font-medium">
                {booking.device.brandName} {booking.device.name}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('summaryService')}</dt>
              <dd className="font-medium">
                {booking.service.type === 'drop_off' && booking.service.shop ? (
                  <>
                    {slot}
                    <span className="block font-normal">
                      {booking.service.shop.name}, {booking.service.shop.address}
                    </span>
                  </>
                ) : (
                  t('service.mail_in')
                )}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('summaryPayment')}</dt>
              <dd className="font-medium" data-testid="payment-status" data-paid={paid ? 'true' : 'false'}>
                {paid
                  ? paymentText.paid(paid)
                  : booking.paymentMethod === 'collection'
                    ? t('paymentSummary.collection')
                    : t('paymentSummary.awaiting')}
              </dd>
              {paid?.invoice ? (
                <dd className="mt-1 text-sm text-slate-700">
                  <span data-testid="invoice-number">{tPay('receipt', { number: paid.invoice.number })}</span>
                  <a
                    href={receiptUrl(paid.invoice.id, booking.trackingToken)}
                    download
                    className="mt-1 flex items-center gap-1.5 font-medium text-brand underline underline-offset-4"
                    data-testid="receipt-download"
                  >
                    <FileDown className="size-4 shrink-0" aria-hidden /> {tPay('receiptDownload')}
                  </a>
                </dd>
              ) : null}
            </div>
          </dl>
        </Card>
        <Card>
          <h3 className="text-lg font-semibold">{t('estimateTitle')}</h3>
          <div className="mt-3">
            <QuoteSummary quote={booking.quote} />
          </div>
        </Card>
      </div>
      <Button variant="ghost" onClick={onStartOver}>
        {t('startOver')}
      </Button>
    </div>
  );
}
