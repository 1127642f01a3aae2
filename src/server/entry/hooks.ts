/**
 * "After X happened" across domains, wired here so that no domain imports the one reacting to
 * it. Called before the API serves and before the workers start; registering twice is harmless.
 */
import { onPaymentCaptured } from '@/features/payments/server';
import { refundOnOrderCancelled } from '@/features/payments/server/commands';
import {
  bookingIcsAttachment,
  confirmPaidBooking,
  onBookingCreated,
  type BookingCreated,
} from '@/features/booking/server';
import {
  onOrderCancelled,
  onOrderCheckedIn,
  onOrderCollected,
  onOrderUncollected,
  staffContactsToNotify,
  type OrderCheckedIn,
} from '@/features/repairs/server';
import { dispatchNotice, noticeUrl, publishNotifications, pushText } from '@/features/notifications/server';
import { registerAttachmentMaker, sendNoticeEmails } from '@/features/email/server';
import { requestRating, withdrawRatingRequest } from '@/features/ratings/server';
import type { Db } from '@/server/db/runtime';

/**
 * A new booking or walk-in: the shop's managers (admins where it has none) hear of it, in the
 * bell, by push and by e-mail, as each of them chose (notification preferences).
 */
async function notifyNewBooking(tx: Db, e: BookingCreated) {
  // who, with their addresses, in one read (the e-mail step reuses it: one statement less per booking)
  const people = await staffContactsToNotify(
    tx,
    { shopSlug: e.shopSlug, assignedTechnicianId: null },
    'new_booking',
    e.createdByUserId,
  );
  const { notifications } = await dispatchNotice(tx, {
    kind: 'new_booking',
    userIds: people.map((p) => p.id),
    reference: e.reference,
    inApp: { type: 'booked', orderId: e.orderId, reference: e.reference, data: { service: e.serviceType } },
    email: (userIds) =>
      sendNoticeEmails(tx, {
        userIds,
        people,
        ...pushText('new_booking', e.reference),
        path: noticeUrl('new_booking', e.reference),
        dedupeKey: `notice:new_booking:${e.orderId}`,
      }),
    createdBy: e.createdByUserId,
  });
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
  onBookingCreated(notifyNewBooking);
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
