'use client';
import { useTranslations } from 'next-intl';
import type { BookingConfirmation } from '../schemas';
import { useSlotLabel } from './use-slot-label';
import { Section } from './section';

/**
 * While an online payment is pending the booking already exists (its slot held), so the
 * choices that made it are shown, not edited: changing them now would be a different booking.
 */
export function HeldBookingSummary({ booking }: { booking: BookingConfirmation }) {
  const t = useTranslations('booking');
  const slot = useSlotLabel(booking);
  return (
    <Section id="held" step={1} title={t('heldTitle', { reference: booking.reference })}>
      <dl className="grid gap-4 text-slate-800 sm:grid-cols-3" data-testid="held-booking">
        <div>
          <dt className="text-sm text-slate-600">{t('summaryDevice')}</dt>
          <dd className="font-medium">
            {booking.device.brandName} {booking.device.name}
            <span className="block font-normal">
              {booking.quote.lines.map((l) => l.repairName).join(', ')}
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t('summaryService')}</dt>
          <dd className="font-medium">
            {booking.service.type === 'drop_off' && booking.service.shop ? (
              <>
                {slot}
                <span className="block font-normal">{booking.service.shop.name}</span>
              </>
            ) : (
              t('service.mail_in')
            )}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t('heldCustomer')}</dt>
          <dd className="font-medium break-words">
            {booking.customer.name}
            <span className="block font-normal">{booking.customer.email}</span>
          </dd>
        </div>
      </dl>
    </Section>
  );
}
