import type { Db } from '@/server/db/runtime';
import type { BookingConfirmation } from '../schemas';
import { calendarFileInput } from './calendar';
import { getShopRow } from '@/features/shops/server';
import { formatMoney } from '@/features/pricing';
import { sendTemplate } from '@/features/email/server';
import { formatSlot } from './format-slot';
import { scheduleBookingReminder } from './schedule-reminder';
import { rebuildConfirmation } from './rebuild-confirmation';

/**
 * After a new booking (never a replay): queue the confirmation with the `.ics` attached, once
 * per booking (dedupe key `confirmation:<id>`), and schedule the drop-off reminder. Given the
 * booking's transaction, the message, its delivery job and the reminder job commit with it.
 */
export async function sendBookingConfirmation(
  db: Db,
  booking: BookingConfirmation,
  opts: { manageUrl?: string; now?: Date; paid?: string } = {},
): Promise<{ id: string } | null> {
  if (!booking.customer.email) return null; // a walk-in who gave only a phone number
  const shop = booking.service.shop ? await getShopRow(db, booking.service.shop.slug) : null;
  const startsAt = booking.service.slotStartsAt ? new Date(booking.service.slotStartsAt) : null;
  const endsAt = booking.service.slotEndsAt ? new Date(booking.service.slotEndsAt) : null;
  const repairs = booking.quote.lines.map((l) => l.repairName);
  // the .ics and the HTML are made when the e-mail is sent, not in the booking's request
  const ics = calendarFileInput({
    reference: booking.reference,
    sequence: 0,
    deviceName: booking.device.name,
    repairs,
    shop,
    startsAt,
    endsAt,
    trackingUrl: booking.trackingUrl,
  });
  const service =
    booking.service.type === 'walk_in'
      ? `Handed in at ${shop?.name ?? booking.service.shop?.name ?? 'our shop'}`
      : shop && startsAt
        ? `Drop-off at ${shop.name}, ${formatSlot(startsAt, shop.timeZone)}`
        : 'Mail-in repair: we will e-mail you how to send your device.';

  const sent = await sendTemplate(db, {
    to: booking.customer.email,
    template: 'booking-confirmation',
    data: {
      name: booking.customer.name,
      reference: booking.reference,
      deviceName: booking.device.name,
      repairs,
      total: formatMoney(booking.quote.totalMinor, booking.quote.currency),
      service,
      trackingUrl: booking.trackingUrl,
      manageUrl: opts.manageUrl,
      ...(opts.paid ? { paid: opts.paid } : {}),
    },
    attachments: ics
      ? [
          {
            filename: `${booking.reference}.ics`,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: '',
            make: { kind: 'booking-ics', input: ics },
          },
        ]
      : [],
    dedupeKey: `confirmation:${booking.id}`,
    bookingId: booking.id,
    renderLater: true,
  });

  if (shop && startsAt) {
    await scheduleBookingReminder(
      {
        bookingId: booking.id,
        slotStartsAt: startsAt.toISOString(),
        trackingUrl: booking.trackingUrl,
        timeZone: shop.timeZone,
      },
      opts.now,
      db,
    );
  }
  return sent;
}

/** The booking confirmation held back while an online payment was pending (sent once). */
export async function sendDeferredConfirmation(
  db: Db,
  bookingId: string,
  baseUrl: string,
  opts: { paid?: string } = {},
): Promise<void> {
  const confirmation = await rebuildConfirmation(db, bookingId, baseUrl);
  if (!confirmation) return;
  await sendBookingConfirmation(db, confirmation, { manageUrl: confirmation.manageUrl, ...opts });
}
