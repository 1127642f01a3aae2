import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CalendarPlus } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { getDb } from '@/server/db/runtime';
import { getTracking } from '@/features/portal/server/get-tracking';
import { QuoteSummary } from '@/features/pricing/components/quote-summary';
import { formatMoney } from '@/features/pricing/money';
import { NextStepText } from '@/features/repairs/components/next-step-text';
import { OrderTimeline } from '@/features/repairs/components';
import { OrderMessages } from '@/features/portal/components/order-messages';
import { RevisedQuoteDecision } from '@/features/quotes/components/revised-quote-decision';
import { latestOrderEventId } from '@/features/repairs/server/order-event-feed';
import { normaliseReference } from '@/features/repairs/server/reference';
import { LiveRefresh } from '@/features/live/components/live-refresh';
import { PhotoGallery } from '@/features/photos/components/photo-gallery';
import { findOrderByToken } from '@/features/repairs/server/find-customer-order';
import { customerOrderPayments } from '@/features/payments/server/order-payments';
import { OrderPaymentsCard } from '@/features/payments/components/order-payments-card';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ reference: string }> }) {
  const t = await getTranslations('track');
  return { title: t('title', { reference: (await params).reference }), robots: { index: false } };
}

export default async function TrackPage({
  params,
  searchParams,
}: {
  params: Promise<{ reference: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { reference } = await params;
  const { token } = await searchParams;
  const trackingToken = typeof token === 'string' ? token : '';
  const db = await getDb();
  // read before the page's data: an event between the two is replayed (one extra refresh), never missed
  const ref = normaliseReference(reference);
  const since = ref ? await latestOrderEventId(db, { reference: ref, customerOnly: true }) : null;
  const tracking = await getTracking(db, reference, trackingToken || null);
  if (!tracking) notFound();
  const loaded = await findOrderByToken(db, reference, trackingToken || null);
  const payments = loaded ? await customerOrderPayments(db, loaded) : null;

  const t = await getTranslations('track');
  const tStatus = await getTranslations('status');
  const tPortal = await getTranslations('portal');
  const tLive = await getTranslations('live');
  const tPhotos = await getTranslations('photos');
  const format = await getFormatter();
  const tz = tracking.service.shop?.timeZone ?? 'Europe/London';
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'full', timeStyle: 'short', timeZone: tz });
  const calendarUrl =
    tracking.service.type === 'drop_off'
      ? `/api/bookings/${tracking.reference}/calendar.ics?token=${encodeURIComponent(trackingToken)}`
      : null;

  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-600">{t('reference')}</p>
        {typeof token === 'string' ? (
          <LiveRefresh
            url={`/api/track/${tracking.reference}/live?token=${encodeURIComponent(token)}`}
            since={since}
            label={tLive('trackingUpdated')}
          />
        ) : null}
      </div>
      <h1 className="text-3xl font-bold" data-testid="tracking-reference">
        {tracking.reference}
      </h1>
      <p className="mt-1 text-slate-700">
        {tracking.device.brandName} {tracking.device.name}
      </p>

      <Card className="mt-6" aria-labelledby="status-title">
        <h2 id="status-title" className="text-sm font-medium text-slate-600">
          {t('statusLabel')}
        </h2>
        <p
          className="mt-1 text-2xl font-semibold"
          data-testid="tracking-status"
          data-status={tracking.status}
        >
          {tStatus(tracking.status as 'booked', { audience: 'customer' })}
        </p>
        <p className="mt-1 text-slate-700" data-testid="next-step" data-key={tracking.nextStep.key}>
          <NextStepText step={tracking.nextStep} timeZone={tz} />
        </p>
        <div
          className="mt-4 h-3 w-full overflow-hidden rounded-full bg-slate-200"
          role="progressbar"
          aria-label={t('progress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={tracking.progress}
        >
          <div className="h-full rounded-full bg-brand" style={{ width: `${tracking.progress}%` }} />
        </div>
      </Card>

      {typeof token === 'string' ? (
        <div className="mt-6 empty:hidden">
          <RevisedQuoteDecision reference={tracking.reference} token={token} />
        </div>
      ) : null}

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold">
            {tracking.service.type === 'mail_in' ? tPortal('mailInTitle') : t('appointment')}
          </h2>
          {tracking.service.type === 'drop_off' && tracking.service.shop && tracking.service.slotStartsAt ? (
            <div className="mt-2 space-y-1 text-slate-800">
              <p className="font-medium">{when(tracking.service.slotStartsAt)}</p>
              <p>{tracking.service.shop.name}</p>
              <p className="text-sm text-slate-600">{tracking.service.shop.address}</p>
              {calendarUrl ? (
                <a
                  href={calendarUrl}
                  className="mt-1 inline-flex min-h-11 items-center gap-2 font-medium text-brand underline underline-offset-4"
                >
                  <CalendarPlus className="size-4" aria-hidden /> {t('addToCalendar')}
                </a>
              ) : null}
            </div>
          ) : (
            <p className="mt-2 text-slate-800">{t('mailIn')}</p>
          )}
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">{t('quote')}</h2>
          <div className="mt-3">
            <QuoteSummary quote={tracking.quote} />
          </div>
          {tracking.agreedTotalMinor !== tracking.quote.totalMinor ? (
            <p
              className="mt-3 flex justify-between gap-4 rounded-lg bg-amber-50 p-3 font-semibold"
              data-testid="agreed-total"
            >
              <span>{tPortal('agreedTotal')}</span>
              <span className="tabular-nums">
                {formatMoney(tracking.agreedTotalMinor, tracking.quote.currency)}
              </span>
            </p>
          ) : null}
        </Card>
      </div>

      {payments ? (
        <div className="mt-6">
          <OrderPaymentsCard
            source={{ kind: 'track', reference: tracking.reference, token: trackingToken }}
            initial={payments}
            cancelled={tracking.status === 'cancelled'}
            timeZone={tz}
          />
        </div>
      ) : null}

      {typeof token === 'string' ? (
        // shows itself only when the shop has shared photos of this repair
        <PhotoGallery
          source={{ kind: 'track', reference: tracking.reference, token }}
          title={tPhotos('title')}
          className="mt-6 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
        />
      ) : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-2 lg:self-start" role="region" aria-labelledby="timeline-title">
          <h2 id="timeline-title" className="text-lg font-semibold">
            {t('timeline')}
          </h2>
          <OrderTimeline
            audience="customer"
            events={tracking.timeline}
            timeZone={tz}
            testId="tracking-timeline"
          />
        </Card>
        <Card className="lg:col-span-3" role="region" aria-labelledby="messages-title">
          <h2 id="messages-title" className="text-lg font-semibold">
            {tPortal('messages.title')}
          </h2>
          <p className="mt-1 text-slate-700">{tPortal('messages.lead')}</p>
          <OrderMessages
            messages={tracking.timeline.filter((e) => e.type === 'message')}
            post={{ kind: 'track', reference: tracking.reference, token: trackingToken }}
            timeZone={tz}
            shopName={tracking.service.shop?.name ?? null}
          />
        </Card>
      </div>
    </div>
  );
}
