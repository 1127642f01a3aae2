import { Suspense } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ArrowLeft, ExternalLink, Printer } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { getDb } from '@/server/db/runtime';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { getStaffOrder } from '@/features/console/server/get-staff-order';
import { isUuid } from '@/features/repairs/server/lock-order';
import { staffCaller } from '@/features/repairs/server/staff-caller';
import type { StaffOrderDetail } from '@/features/console/schemas';
import { formatMoney } from '@/features/pricing/money';
import { QuoteSummary } from '@/features/pricing/components/quote-summary';
import { OrderTimeline, OverdueBadge, StatusBadge } from '@/features/repairs/components';
import { OrderStatusActions } from '@/features/console/components/order-status-actions';
import { OrderAssignment } from '@/features/console/components/order-assignment';
import { IntakeForm } from '@/features/console/components/intake-form';
import { PasscodeReveal } from '@/features/console/components/passcode-reveal';
import { OrderComposer } from '@/features/console/components/order-composer';
import { OrderPendingChanges, PendingStatusBadge } from '@/features/console/components/order-pending';
import { OrderLinesPanel } from '@/features/quotes/components/order-lines-panel';
import { StaffPaymentsPanel } from '@/features/payments/components/staff-payments-panel';
import { PhotoGallery } from '@/features/photos/components/photo-gallery';
import { PhotoUploader } from '@/features/photos/components/photo-uploader';
import { LiveRefresh } from '@/features/live/components/live-refresh';
import { latestOrderEventId } from '@/features/repairs/server/order-event-feed';
import { ModelInsightsPanelLoading } from '@/features/insights/components';
import { OrderInsights } from './order-insights';
import { OrderRatingPanel } from '@/features/ratings/components/order-rating';
import { getStaffOrderRating } from '@/features/ratings/server/get-rating';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations('staff.order');
  return {
    title: t('metaTitle', { reference: decodeURIComponent((await params).id).toUpperCase() }),
    robots: { index: false },
  };
}

async function load(id: string, caller: ReturnType<typeof staffCaller>): Promise<StaffOrderDetail> {
  return (await getStaffOrder(await getDb(), id, caller)) ?? notFound();
}

/** The order page; the QR code on the job ticket opens /staff/orders/<reference>. */
export default async function StaffOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  const me = await requirePageRole('technician', `/staff/orders/${encodeURIComponent(id)}`);
  // the newest event id before the page's data: an event in between is replayed, never missed
  const since = await latestOrderEventId(
    await getDb(),
    isUuid(id) ? { orderId: id } : { reference: id.toUpperCase() },
  );
  const order = await load(id, staffCaller(me));
  const t = await getTranslations('staff');
  const tStatus = await getTranslations('status');
  const format = await getFormatter();
  const timeZone = order.shop?.timeZone ?? 'Europe/London';
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'long', timeZone });
  const money = (minor: number) => formatMoney(minor, order.currency);
  const booked = order.status === 'booked';
  const canReceive = booked && (order.permissions.update || order.permissions.take);
  const statusHeading = 'order-status-heading';
  // the customer's rating, for staff of the order's shop (ratings are the shop's own figures)
  const rated =
    order.status === 'collected'
      ? await getStaffOrderRating(await getDb(), order.id, {
          ability: staffCaller(me).ability,
          shopSlug: me.shopSlug,
        })
      : null;

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link
          href="/staff"
          className="inline-flex min-h-11 items-center gap-1 font-medium text-brand underline-offset-4 hover:underline"
        >
          <ArrowLeft className="size-4" aria-hidden />
          {t('order.back')}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <LiveRefresh url={`/api/staff/orders/${order.id}/live`} since={since} />
          <Link
            href={`/staff/orders/${order.reference}/ticket`}
            className="inline-flex h-11 items-center gap-2 rounded-lg border border-slate-300 px-3 font-medium text-slate-800 hover:bg-slate-100"
            data-testid="open-ticket"
          >
            <Printer className="size-4" aria-hidden />
            {t('order.ticket')}
          </Link>
        </div>
      </div>

      <header className="mt-4">
        <p className="text-sm font-medium text-slate-600">{t('order.reference')}</p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-3xl font-bold" data-testid="order-reference">
            {order.reference}
          </h1>
          <span data-testid="order-status" data-version={order.version}>
            <StatusBadge status={order.status} audience="staff" className="text-base" />
          </span>
          <PendingStatusBadge orderId={order.id} />
          {order.overdue ? <OverdueBadge /> : null}
          {order.urgency !== 'standard' ? (
            <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-semibold text-amber-900">
              {t(`urgency.${order.urgency as 'express'}`)}
            </span>
          ) : null}
        </div>
        <p className="mt-1 text-lg text-slate-800" data-testid="order-device">
          {`${order.device.brandName} ${order.device.name}`.trim()}
        </p>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="inline font-medium text-slate-900">{t('order.customer')}: </dt>
            <dd className="inline">{order.customerName}</dd>
          </div>
          <div>
            <dt className="inline font-medium text-slate-900">{t('order.shop')}: </dt>
            <dd className="inline">
              {order.shop?.name ?? t('order.noShop')} · {t(`service.${order.serviceType}`)}
            </dd>
          </div>
          <div>
            <dt className="inline font-medium text-slate-900">{t('order.technician')}: </dt>
            <dd className="inline">{order.assignedTechnician?.name ?? t('unassigned')}</dd>
          </div>
          <div>
            <dt className="inline font-medium text-slate-900">{t('order.agreedTotal')}: </dt>
            <dd className="inline tabular-nums">
              {order.agreedTotalMinor === null ? '—' : money(order.agreedTotalMinor)}
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="sr-only">{t('columns.status')}</dt>
            <dd>{t('order.inStatus', { date: when(order.statusEnteredAt) })}</dd>
          </div>
          {order.slotStartsAt && booked ? (
            <div className="sm:col-span-2">
              <dt className="inline font-medium text-slate-900">{t('order.slot')}: </dt>
              <dd className="inline">{when(order.slotStartsAt)}</dd>
            </div>
          ) : null}
          {order.collectedAt ? (
            <div>
              <dt className="sr-only">{tStatus('collected', { audience: 'staff' })}</dt>
              <dd>{t('order.collectedAt', { date: day(order.collectedAt) })}</dd>
            </div>
          ) : null}
          {order.warrantyEndsAt ? (
            <div>
              <dt className="sr-only">{t('order.warranty')}</dt>
              <dd className="font-semibold text-emerald-800" data-testid="warranty-ends">
                {t('order.warrantyEnds', { date: day(order.warrantyEndsAt) })}
              </dd>
            </div>
          ) : null}
        </dl>
      </header>

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <Card role="region" aria-labelledby={statusHeading}>
            <h2 id={statusHeading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
              {t('order.sections.actions')}
            </h2>
            <div className="mt-3">
              {order.allowedTransitions.filter((tr) => !(booked && tr.to === 'received')).length > 0 ? (
                <OrderStatusActions
                  orderId={order.id}
                  reference={order.reference}
                  status={order.status}
                  version={order.version}
                  transitions={order.allowedTransitions}
                  headingId={statusHeading}
                  role={me.role}
                  userId={me.id}
                />
              ) : null}
              {canReceive ? (
                <p className="mt-3 text-slate-700">{t('actions.receiveWithIntake')}</p>
              ) : order.allowedTransitions.length === 0 ? (
                <p className="text-slate-700">
                  {order.permissions.update || order.status === 'collected' || order.status === 'cancelled'
                    ? t('actions.none')
                    : t('actions.readOnly')}
                </p>
              ) : null}
              <OrderPendingChanges orderId={order.id} kinds={['status']} />
            </div>
          </Card>

          {rated ? <OrderRatingPanel rating={rated.rating} timeZone={timeZone} /> : null}

          <Card role="region" aria-labelledby="order-assignment-heading">
            <h2 id="order-assignment-heading" className="text-lg font-semibold">
              {t('order.sections.assignment')}
            </h2>
            <div className="mt-3">
              <OrderAssignment
                orderId={order.id}
                assigned={order.assignedTechnician}
                meId={me.id}
                shopSlug={order.shop?.slug ?? null}
                assignAnyone={order.permissions.assignAnyone}
                take={order.permissions.take}
              />
            </div>
          </Card>

          <Card role="region" aria-labelledby="order-intake-heading">
            <h2 id="order-intake-heading" className="text-lg font-semibold">
              {canReceive ? t('intake.title') : t('order.sections.intake')}
            </h2>
            <div className="mt-3">
              {canReceive ? (
                <IntakeForm
                  orderId={order.id}
                  reference={order.reference}
                  version={order.version}
                  userId={me.id}
                />
              ) : (
                <div data-testid="intake-details">
                  <dl className="grid gap-3 sm:grid-cols-2">
                    <div className="sm:col-span-2">
                      <dt className="text-sm font-medium text-slate-600">{t('intake.conditionNotes')}</dt>
                      <dd className="whitespace-pre-line text-slate-900">
                        {order.intake.conditionNotes ?? t('order.notRecorded')}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-sm font-medium text-slate-600">{t('intake.accessories')}</dt>
                      <dd>
                        {order.intake.accessories.length
                          ? order.intake.accessories.join(', ')
                          : t('intake.noAccessories')}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-sm font-medium text-slate-600">{t('order.imei')}</dt>
                      <dd className="font-mono">{order.imeiSerial ?? t('order.notRecorded')}</dd>
                    </div>
                    <div className="sm:col-span-2">
                      <dt className="text-sm font-medium text-slate-600">{t('intake.passcodePolicy')}</dt>
                      <dd>
                        {order.intake.passcodePolicy
                          ? t(`intake.policy.${order.intake.passcodePolicy}`)
                          : t('order.notRecorded')}
                        {order.intake.hasPasscode && order.permissions.update ? (
                          <div className="mt-2">
                            <PasscodeReveal orderId={order.id} />
                          </div>
                        ) : order.intake.hasPasscode ? (
                          <span className="block text-sm text-slate-600">{t('passcode.stored')}</span>
                        ) : null}
                      </dd>
                    </div>
                  </dl>
                  <p className="mt-3 text-sm text-slate-700">
                    {order.intake.receivedAt
                      ? order.intake.receivedBy
                        ? t('intake.receivedBy', {
                            date: when(order.intake.receivedAt),
                            name: order.intake.receivedBy.name,
                          })
                        : t('intake.receivedAt', { date: when(order.intake.receivedAt) })
                      : t('intake.notYet')}
                  </p>
                </div>
              )}
            </div>
          </Card>

          <OrderLinesPanel orderId={order.id} canEdit={order.permissions.update} />

          <StaffPaymentsPanel orderId={order.id} timeZone={timeZone} />

          <Card role="region" aria-labelledby="order-photos-heading">
            <h2 id="order-photos-heading" className="text-lg font-semibold">
              {t('order.sections.photos')}
            </h2>
            {order.permissions.update ? (
              <PhotoUploader orderId={order.id} defaultKind={booked ? 'intake' : 'before'} className="mt-3" />
            ) : null}
            <PhotoGallery source={{ kind: 'staff', orderId: order.id }} canDelete className="mt-4" />
          </Card>

          <Card role="region" aria-labelledby="order-timeline-heading">
            <h2 id="order-timeline-heading" className="text-lg font-semibold">
              {t('order.sections.timeline')}
            </h2>
            <div className="mt-3">
              <OrderTimeline audience="staff" events={order.timeline} timeZone={timeZone} />
            </div>
            <h3 className="mt-6 text-base font-semibold">{t('order.sections.compose')}</h3>
            <div className="mt-3">
              {order.permissions.update ? (
                <OrderComposer orderId={order.id} reference={order.reference} userId={me.id} />
              ) : (
                <p className="text-slate-700" data-testid="compose-read-only">
                  {t('compose.readOnly')}
                </p>
              )}
            </div>
          </Card>
        </div>

        <aside className="min-w-0 space-y-6" aria-label={t('order.sections.details')}>
          <Card role="region" aria-labelledby="order-details-heading">
            <h2 id="order-details-heading" className="text-lg font-semibold">
              {t('order.sections.details')}
            </h2>
            <dl className="mt-3 space-y-3 text-slate-800">
              <div>
                <dt className="text-sm font-medium text-slate-600">{t('order.contact')}</dt>
                <dd className="font-medium">{order.customer.name}</dd>
                <dd>
                  {order.customer.email ? (
                    <a
                      className="inline-flex min-h-11 items-center break-all text-brand underline underline-offset-4"
                      href={`mailto:${order.customer.email}`}
                    >
                      {order.customer.email}
                    </a>
                  ) : (
                    <span className="text-slate-600" data-testid="order-no-email">
                      {t('order.noEmail')}
                    </span>
                  )}
                </dd>
                <dd>
                  {order.customer.phone ? (
                    <a
                      className="inline-flex min-h-11 items-center text-brand underline underline-offset-4"
                      href={`tel:${order.customer.phone.replace(/\s/g, '')}`}
                    >
                      {order.customer.phone}
                    </a>
                  ) : (
                    <span className="text-slate-600">{t('order.noPhone')}</span>
                  )}
                </dd>
                <dd className="text-sm text-slate-600">
                  {order.customer.hasAccount ? t('order.hasAccount') : t('order.guest')}
                </dd>
              </div>
              <div>
                <dt className="text-sm font-medium text-slate-600">{t('order.fault')}</dt>
                <dd className="whitespace-pre-line">{order.faultDescription ?? t('order.noFault')}</dd>
              </div>
              <div>
                <dt className="text-sm font-medium text-slate-600">{t('order.created')}</dt>
                <dd>{when(order.createdAt)}</dd>
              </div>
              <div>
                <dt className="sr-only">{t('order.trackingLink')}</dt>
                <dd>
                  <a
                    href={order.trackingPath}
                    target="_blank"
                    rel="noreferrer"
                    className="inline-flex min-h-11 items-center gap-1 text-brand underline underline-offset-4"
                  >
                    {t('order.trackingLink')}
                    <ExternalLink className="size-4" aria-hidden />
                  </a>
                </dd>
              </div>
            </dl>
          </Card>

          <Card role="region" aria-labelledby="order-quote-heading">
            <h2 id="order-quote-heading" className="text-lg font-semibold">
              {t('order.sections.quote')}
            </h2>
            <div className="mt-3">
              <QuoteSummary quote={order.quote} />
            </div>
          </Card>

          <Suspense fallback={<ModelInsightsPanelLoading />}>
            <OrderInsights
              modelSlug={order.device.slug}
              orderShopSlug={order.shop?.slug ?? null}
              viewer={me}
            />
          </Suspense>
        </aside>
      </div>
    </div>
  );
}
