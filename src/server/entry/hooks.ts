/**
 * "After X happened" across domains, wired here so that no domain imports the one reacting to
 * it. Called before the API serves and before the workers start; registering twice is harmless.
 */
import { onPaymentCaptured } from '@/features/payments/server';
import { refundOnOrderCancelled } from '@/features/payments/server/commands';
import {
  bookingIcsAttachment,
  confirmPaidBooking,
  onBookingCreatedBatch,
  type BookingCreated,
} from '@/features/booking/server';
import {
  onOrderCancelled,
  onOrderCheckedIn,
  onOrderCollected,
  onOrderUncollected,
  staffContactsToNotify,
  staffContactsToNotifyEach,
  type OrderCheckedIn,
} from '@/features/repairs/server';
import {
  dispatchNotice,
  dispatchNotices,
  noticeUrl,
  publishNotifications,
  pushText,
} from '@/features/notifications/server';
import { registerAttachmentMaker, sendNoticeEmails } from '@/features/email/server';
import { requestRating, withdrawRatingRequest } from '@/features/ratings/server';
import type { Db } from '@/server/db/runtime';

/**
 * New bookings and walk-ins (a flush of the outbox hands them over together): the shops'
 * managers (admins where a shop has none) hear of each, in the bell, by push and by e-mail, as
 * each of them chose (notification preferences). Who to tell and their preferences are read once
 * for all of them, their bell notices written in one statement.
 */
async function notifyNewBookings(tx: Db, events: BookingCreated[]) {
  const people = await staffContactsToNotifyEach(
    tx,
    events.map((e) => ({
      order: { shopSlug: e.shopSlug, assignedTechnicianId: null },
      exclude: e.createdByUserId,
    })),
    'new_booking',
  );
  const results = await dispatchNotices(
    tx,
    events.map((e, i) => ({
      kind: 'new_booking' as const,
      userIds: people[i]!.map((p) => p.id),
      reference: e.reference,
      inApp: { type: 'booked', orderId: e.orderId, reference: e.reference, data: { service: e.serviceType } },
      email: (userIds: readonly string[]) =>
        sendNoticeEmails(tx, {
          userIds,
          people: people[i]!,
          ...pushText('new_booking', e.reference),
          path: noticeUrl('new_booking', e.reference),
          dedupeKey: `notice:new_booking:${e.orderId}`,
        }),
      createdBy: e.createdByUserId,
    })),
  );
  const notifications = results.flatMap((r) => r.notifications);
  return () => publishNotifications(notifications);
}

/** A booked device checked in at the counter: the same people hear of it. */
async function notifyCheckIn(tx: Db, e: OrderCheckedIn) {
  const people = await staffContactsToNotify(tx, e, 'check_in', e.byUserId);
  const { notifications } = await dispatchNotice(tx, {
    kind: 'checked_in',
    userIds: people.map((p) => p.id),
    reference: e.reference,
    inApp: { type: 'checked_in', orderId: e.orderId, reference: e.reference },
    email: (userIds) =>
      sendNoticeEmails(tx, {
        userIds,
        people,
        ...pushText('checked_in', e.reference),
        path: noticeUrl('checked_in', e.reference),
        dedupeKey: `notice:checked_in:${e.orderId}`,
      }),
    createdBy: e.byUserId,
  });
  return () => publishNotifications(notifications);
}

export function wireDomainHooks(): void {
  // a booking paid online gets the confirmation that waited for its payment
  onPaymentCaptured(confirmPaidBooking);
  // staff hear of new work (the rule: repairs/server/staff-to-notify.ts)
  onBookingCreatedBatch(notifyNewBookings);
  onOrderCheckedIn(notifyCheckIn);
  // an order cancelled by staff (or by declining a revised quote) gives back what was paid
  onOrderCancelled(refundOnOrderCancelled);
  // a collected repair: the customer is asked for a rating (once, by e-mail)
  onOrderCollected(requestRating);
  // ... and not asked when staff undo the collection before the e-mail went out
  onOrderUncollected(withdrawRatingRequest);
  // a booking confirmation's .ics is made when the e-mail is sent (email/server/deferred-render.ts)
  registerAttachmentMaker('booking-ics', bookingIcsAttachment);
}
