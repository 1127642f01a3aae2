import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ArrowLeft, ArrowRight, MapPin, Phone, ShieldCheck } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { getDb } from '@/server/db/runtime';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { getMyRepair } from '@/features/portal/server/get-my-repair';
import { QuoteSummary } from '@/features/pricing/components/quote-summary';
import { formatMoney } from '@/features/pricing/money';
import { OrderTimeline, StatusBadge } from '@/features/repairs/components';
import { StatusStepper } from '@/features/repairs/components/status-stepper';
import { NextStepText } from '@/features/repairs/components/next-step-text';
import { OrderMessages } from '@/features/portal/components/order-messages';
import { RevisedQuoteDecision } from '@/features/quotes/components/revised-quote-decision';
import { PhotoGallery } from '@/features/photos/components/photo-gallery';
import { LiveRefresh } from '@/features/live/components/live-refresh';
import { latestOrderEventId } from '@/features/repairs/server/order-event-feed';
import { normaliseReference } from '@/features/repairs/server/reference';
import { findOwnedOrder } from '@/features/repairs/server/find-customer-order';
import { customerOrderPayments } from '@/features/payments/server/order-payments';
import { OrderPaymentsCard } from '@/features/payments/components/order-payments-card';

export const dynamic = 'force-dynamic';

const DEFAULT_TIME_ZONE = 'Europe/London';

type Params = { params: Promise<{ reference: string }> };

export async function generateMetadata({ params }: Params) {
  const t = await getTranslations('portal');
  return {
    title: t('orderTitle', { reference: (await params).reference.toUpperCase() }),
    robots: { index: false },
  };
}

export default async function MyRepairPage({ params }: Params) {
  const { reference } = await params;
  const user = await requirePageRole('customer', `/account/repairs/${encodeURIComponent(reference)}`);
  const db = await getDb();
  const ref = normaliseReference(reference);
  // the newest event id before the page's data: an event in between is replayed, never missed
  const since = ref ? await latestOrderEventId(db, { reference: ref, customerOnly: true }) : null;
  const repair = await getMyRepair(db, user.id, reference);
  if (!repair) notFound();
  const loaded = await findOwnedOrder(db, user.id, reference);
  const payments = loaded ? await customerOrderPayments(db, loaded) : null;

  const t = await getTranslations('portal');
  const tLive = await getTranslations('live');
  const tPhotos = await getTranslations('photos');
  const format = await getFormatter();
  const shop = repair.service.shop;
  const tz = shop?.timeZone ?? DEFAULT_TIME_ZONE;
  const money = (minor: number) => formatMoney(minor, repair.quote.currency);
  const messages = repair.timeline.filter((e) => e.type === 'message');

  return (
    <div className="mx-auto max-w-4xl px-4 py-8 sm:py-10">
      <nav aria-label={t('backToAccount')}>
        <Link
          href="/account"
          className="inline-flex min-h-11 items-center gap-1.5 text-sm font-medium text-brand underline underline-offset-4"
          data-testid="back-to-account"
        >
          <ArrowLeft className="size-4" aria-hidden /> {t('backToAccount')}
        </Link>
      </nav>

      <header className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="font-mono text-sm text-slate-600" data-testid="order-reference">
            {repair.reference}
          </p>
          <h1 className="text-3xl font-bold break-words">
            {repair.device.brandName} {repair.device.name}
          </h1>
          <p className="mt-1 text-slate-700">
            <span className="sr-only">{t('repairsLabel')}: </span>
            {repair.repairs.join(', ')}
          </p>
        </div>
        <p className="flex items-center gap-2 self-start">
          <span className="sr-only">{t('statusLabel')}:</span>
          <StatusBadge status={repair.status} className="text-base" />
        </p>
      </header>

      <LiveRefresh
        url={`/api/account/repairs/${repair.reference}/live`}
        since={since}
        label={tLive('portalUpdated')}
        className="mt-4"
      />

      <Card className="mt-6" role="region" aria-labelledby="progress-title">
        <h2 id="progress-title" className="sr-only">
          {t('progressTitle')}
        </h2>
        <StatusStepper status={repair.status} timeline={repair.timeline} />
      </Card>

      <Card
        className={`mt-6 ${repair.status === 'cancelled' ? 'border-red-200 bg-red-50' : 'border-brand/30 bg-brand/5'}`}
        role="region"
        aria-labelledby="next-title"
      >
        <h2 id="next-title" className="flex items-center gap-2 text-lg font-semibold">
          <ArrowRight className="size-5 text-brand" aria-hidden /> {t('nextStepTitle')}
        </h2>
        <p className="mt-1 text-slate-800" data-testid="next-step" data-key={repair.nextStep.key}>
          <NextStepText step={repair.nextStep} timeZone={tz} />
        </p>
      </Card>

      <div className="mt-6 empty:hidden">
        <RevisedQuoteDecision reference={repair.reference} />
      </div>

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Card role="region" aria-labelledby="service-title">
          <h2 id="service-title" className="text-lg font-semibold">
            {repair.service.type === 'drop_off'
              ? t('appointmentTitle')
              : repair.service.type === 'mail_in'
                ? t('mailInTitle')
                : t('walkInTitle')}
          </h2>
          {repair.service.type === 'mail_in' || !shop ? (
            <p className="mt-2 text-slate-800">
              {repair.service.type === 'mail_in' && repair.status !== 'booked'
                ? t('mailInReturn')
                : t('mailInText')}
            </p>
          ) : (
            <div className="mt-2 space-y-1 text-slate-800">
              {repair.service.slotStartsAt ? (
                <p className="font-medium">
                  {format.dateTime(new Date(repair.service.slotStartsAt), {
                    dateStyle: 'full',
                    timeStyle: 'short',
                    timeZone: tz,
                  })}
                </p>
              ) : null}
              <p>{shop.name}</p>
              <p className="flex gap-1.5 text-sm text-slate-700">
                <MapPin className="mt-0.5 size-4 shrink-0" aria-hidden /> {shop.address}
              </p>
              <p className="flex gap-1.5 text-sm">
                <Phone className="mt-0.5 size-4 shrink-0 text-slate-700" aria-hidden />
                <a
                  href={`tel:${shop.phone.replace(/\s+/g, '')}`}
                  className="font-medium text-brand underline underline-offset-4"
                >
                  {t('shopPhone', { phone: shop.phone })}
                </a>
              </p>
            </div>
          )}
        </Card>

        <Card role="region" aria-labelledby="quote-title">
          <h2 id="quote-title" className="text-lg font-semibold">
            {t('quoteTitle')}
          </h2>
          <div className="mt-3" data-testid="order-quote">
            <QuoteSummary quote={repair.quote} compact />
          </div>
          {repair.agreedTotalMinor !== repair.quote.totalMinor ? (
            <div className="mt-3 rounded-lg bg-amber-50 p-3" data-testid="agreed-total">
              <p className="flex justify-between gap-4 font-semibold">
                <span>{t('agreedTotal')}</span>
                <span className="tabular-nums">{money(repair.agreedTotalMinor)}</span>
              </p>
              <p className="mt-1 text-sm text-slate-700">{t('agreedChanged')}</p>
            </div>
          ) : null}
          {repair.warrantyEndsAt ? (
            <p className="mt-3 flex items-center gap-2 text-emerald-800" data-testid="warranty">
              <ShieldCheck className="size-5" aria-hidden />
              {t('warrantyUntil', {
                date: format.dateTime(new Date(repair.warrantyEndsAt), { dateStyle: 'long', timeZone: tz }),
              })}
            </p>
          ) : null}
        </Card>
      </div>

      {payments ? (
        <div className="mt-6">
          <OrderPaymentsCard
            source={{ kind: 'account', reference: repair.reference }}
            initial={payments}
            cancelled={repair.status === 'cancelled'}
            timeZone={tz}
          />
        </div>
      ) : null}

      <PhotoGallery
        source={{ kind: 'account', reference: repair.reference }}
        title={tPhotos('title')}
        hideWhenEmpty
        className="mt-6 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
      />

      <div className="mt-6 grid gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-2 lg:self-start" role="region" aria-labelledby="timeline-title">
          <h2 id="timeline-title" className="text-lg font-semibold">
            {t('timelineTitle')}
          </h2>
          <OrderTimeline audience="customer" events={repair.timeline} timeZone={tz} />
        </Card>
        <Card className="lg:col-span-3" role="region" aria-labelledby="messages-title">
          <h2 id="messages-title" className="text-lg font-semibold">
            {t('messages.title')}
          </h2>
          <p className="mt-1 text-slate-700">{t('messages.lead')}</p>
          <OrderMessages
            messages={messages}
            post={{ kind: 'account', reference: repair.reference }}
            timeZone={tz}
            shopName={shop?.name ?? null}
          />
        </Card>
      </div>
    </div>
  );
}
