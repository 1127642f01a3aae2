'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { AlertTriangle, CheckCircle2 } from 'lucide-react';
import { CalendarButtons } from './calendar-buttons';
import { Card } from '@/components/ui/card';
import { QuoteSummary } from '@/features/pricing/components';
import type { ManageBooking } from '../schemas';
import { useManageBooking } from './queries';
import { ManageCancel } from './manage-cancel';
import { CancelledMoney } from './cancel-money';
import { ManageReschedule } from './manage-reschedule';

type Notice = { kind: 'success' | 'error'; text: string } | null;

/** The manage page's body: the booking, its calendar links, and reschedule and cancel. */
export function ManageBookingView({ initial, sig }: { initial: ManageBooking; sig: string }) {
  const t = useTranslations('manage');
  const format = useFormatter();
  const { data, mutate } = useManageBooking(initial.reference, sig, initial);
  const booking = data ?? initial;
  const [notice, setNotice] = useState<Notice>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const tz = booking.service.shop?.timeZone ?? 'Europe/London';
  const when = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: 'full', timeStyle: 'short', timeZone: tz }) : null;
  const slot = when(booking.service.slotStartsAt);
  const cancelled = booking.status === 'cancelled';

  // focus a new message once it is rendered, so screen readers and keyboards land on it
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const announce = setNotice;
  const changed = (text: (b: ManageBooking) => string) => (b: ManageBooking) => {
    void mutate(b, { revalidate: false });
    announce({ kind: 'success', text: text(b) });
  };
  const conflict = (message: string) => {
    void mutate();
    announce({ kind: 'error', text: message });
  };

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm font-medium text-slate-600">{t('reference')}</p>
        <h1 className="font-mono text-3xl font-bold tracking-wider" data-testid="manage-reference">
          {booking.reference}
        </h1>
        <p className="mt-1 text-slate-700">{t('lead', { name: booking.customerName })}</p>
      </div>

      <div aria-live="polite">
        {notice ? (
          <div
            ref={noticeRef}
            tabIndex={-1}
            role={notice.kind === 'error' ? 'alert' : 'status'}
            data-testid="manage-notice"
            className={`flex items-start gap-2 rounded-xl border p-4 outline-none focus-visible:ring-2 focus-visible:ring-brand ${
              notice.kind === 'success'
                ? 'border-emerald-300 bg-emerald-50 text-emerald-900'
                : 'border-red-300 bg-red-50 text-red-900'
            }`}
          >
            {notice.kind === 'success' ? (
              <CheckCircle2 className="mt-0.5 size-5 shrink-0" aria-hidden />
            ) : (
              <AlertTriangle className="mt-0.5 size-5 shrink-0" aria-hidden />
            )}
            <p className="font-medium">{notice.text}</p>
          </div>
        ) : null}
      </div>

      <Card role="region" aria-labelledby="appointment-title">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h2 id="appointment-title" className="text-lg font-semibold">
            {t('appointmentTitle')}
          </h2>
          <p
            className={`rounded-full px-3 py-1 text-sm font-medium ${
              cancelled ? 'bg-red-100 text-red-800' : 'bg-emerald-100 text-emerald-800'
            }`}
            data-testid="manage-status"
            data-status={booking.status}
          >
            <span className="sr-only">{t('statusLabel')}: </span>
            {t(`status.${booking.status}`)}
          </p>
        </div>
        {booking.service.type === 'drop_off' && booking.service.shop ? (
          <div className="mt-2 space-y-1 text-slate-800">
            <p
              className={`text-xl font-semibold ${cancelled ? 'text-slate-500 line-through' : ''}`}
              data-testid="manage-slot"
            >
              {slot}
            </p>
            <p>{booking.service.shop.name}</p>
            <p className="text-sm text-slate-600">{booking.service.shop.address}</p>
          </div>
        ) : (
          <p className="mt-2 text-slate-800">{t('mailIn')}</p>
        )}
        {cancelled ? <p className="mt-3 text-slate-700">{t('cancelledNotice')}</p> : null}
        {cancelled ? <CancelledMoney booking={booking} /> : null}
        {!cancelled && !booking.canCancel ? <p className="mt-3 text-slate-700">{t('lockedNotice')}</p> : null}
        {booking.calendarUrl ? (
          <div className="mt-4">
            <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
              <CalendarButtons
                ics={{
                  href: booking.calendarUrl,
                  filename: `${booking.reference}.ics`,
                  label: cancelled ? t('icsCancelled') : t('icsDownload'),
                  testId: 'manage-ics',
                  sequence: booking.calendarSequence,
                }}
                google={booking.googleCalendarUrl}
                outlook={booking.outlookCalendarUrl}
                labels={{ google: t('googleCalendar'), outlook: t('outlookCalendar') }}
              />
            </div>
            <p className="mt-2 text-sm text-slate-600">{t('calendarHint')}</p>
          </div>
        ) : null}
      </Card>

      {booking.canReschedule ? (
        <ManageReschedule
          booking={booking}
          sig={sig}
          onDone={changed((b) => t('rescheduled', { when: when(b.service.slotStartsAt) ?? '' }))}
          onConflict={conflict}
        />
      ) : null}
      {booking.canCancel ? (
        <ManageCancel
          booking={booking}
          sig={sig}
          when={slot}
          onDone={changed(() => t('cancelled'))}
          onConflict={conflict}
        />
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <Card role="region" aria-labelledby="repair-title">
          <h2 id="repair-title" className="text-lg font-semibold">
            {t('repairTitle')}
          </h2>
          <dl className="mt-3 space-y-2 text-slate-800">
            <div>
              <dt className="text-sm text-slate-600">{t('deviceLabel')}</dt>
              <dd className="font-medium">
                {booking.device.brandName} {booking.device.name}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('repairsLabel')}</dt>
              <dd className="font-medium">{booking.repairs.join(', ')}</dd>
            </div>
          </dl>
        </Card>
        <Card role="region" aria-labelledby="quote-title">
          <h2 id="quote-title" className="text-lg font-semibold">
            {t('quoteTitle')}
          </h2>
          <div className="mt-3">
            <QuoteSummary quote={booking.quote} />
          </div>
        </Card>
      </div>
    </div>
  );
}
