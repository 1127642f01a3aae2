import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CalendarPlus, CheckCircle2, Circle } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { getDb } from '@/server/db/runtime';
import { getTracking } from '@/features/repairs/server/get-tracking';
import { QuoteSummary } from '@/features/pricing/components/quote-summary';
import { PhotoGallery } from '@/features/repairs/components/photos/photo-gallery';

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
  const tracking = await getTracking(await getDb(), reference, typeof token === 'string' ? token : null);
  if (!tracking) notFound();

  const t = await getTranslations('track');
  const tStatus = await getTranslations('status');
  const tPhotos = await getTranslations('photos');
  const format = await getFormatter();
  const tz = tracking.service.shop?.timeZone ?? 'Europe/London';
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'full', timeStyle: 'short', timeZone: tz });
  const calendarUrl =
    tracking.service.type === 'drop_off' && typeof token === 'string'
      ? `/api/bookings/${tracking.reference}/calendar.ics?token=${encodeURIComponent(token)}`
      : null;

  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm font-medium text-slate-600">{t('reference')}</p>
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
          {tStatus(tracking.status)}
        </p>
        <p className="mt-1 text-slate-700">{t(`next.${tracking.status}`)}</p>
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

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold">{t('appointment')}</h2>
          {tracking.service.type === 'drop_off' && tracking.service.shop && tracking.service.slotStartsAt ? (
            <div className="mt-2 space-y-1 text-slate-800">
              <p className="font-medium">{when(tracking.service.slotStartsAt)}</p>
              <p>{tracking.service.shop.name}</p>
              <p className="text-sm text-slate-600">{tracking.service.shop.address}</p>
              {calendarUrl ? (
                <a
                  href={calendarUrl}
                  className="mt-2 inline-flex items-center gap-2 font-medium text-brand underline underline-offset-4"
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
        </Card>
      </div>

      {typeof token === 'string' ? (
        // shows itself only when the shop has shared photos of this repair
        <PhotoGallery
          source={{ kind: 'track', reference: tracking.reference, token }}
          title={tPhotos('title')}
          className="mt-6 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
        />
      ) : null}

      <Card className="mt-6">
        <h2 className="text-lg font-semibold">{t('timeline')}</h2>
        <ol className="mt-4 space-y-4" data-testid="tracking-timeline">
          {tracking.timeline.map((e, i) => (
            <li key={i} className="flex gap-3">
              {i === tracking.timeline.length - 1 ? (
                <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
              ) : (
                <Circle className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden />
              )}
              <div>
                <p className="font-medium">
                  {e.toStatus
                    ? tStatus(e.toStatus)
                    : e.type === 'photo_added'
                      ? tPhotos('timelineAdded')
                      : e.type}
                </p>
                {e.message ? <p className="text-slate-700">{e.message}</p> : null}
                <p className="text-sm text-slate-600">
                  <time dateTime={e.at}>{when(e.at)}</time>
                </p>
              </div>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
