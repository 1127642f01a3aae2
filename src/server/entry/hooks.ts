/**
 * "After X happened" across domains, wired here so that no domain imports the one reacting to
 * it. Called before the API serves and before the workers start; registering twice is harmless.
 */
import { onPaymentCaptured } from '@/features/payments/server';
import { refundOnOrderCancelled } from '@/features/payments/server/commands';
import { confirmPaidBooking, onBookingCreated, type BookingCreated } from '@/features/booking/server';
import {
  onOrderCancelled,
  onOrderCheckedIn,
  staffToNotify,
  type OrderCheckedIn,
} from '@/features/repairs/server';
import { createNotifications, publishNotifications } from '@/features/notifications/server';
import type { Db } from '@/server/db/runtime';

/** A new booking or walk-in: the shop's managers (admins where it has none) get a bell notice. */
async function notifyNewBooking(tx: Db, e: BookingCreated) {
  const ids = await staffToNotify(
    tx,
    { shopSlug: e.shopSlug, assignedTechnicianId: null },
    'new_booking',
    e.createdByUserId,
  );
  const rows = await createNotifications(
    tx,
    ids.map((userId) => ({
      userId,
      type: 'booked',
      orderId: e.orderId,
      reference: e.reference,
      data: { service: e.serviceType },
    })),
  );
  return () => publishNotifications(rows);
}

/** A booked device checked in at the counter: the same people hear of it. */
async function notifyCheckIn(tx: Db, e: OrderCheckedIn) {
  const ids = await staffToNotify(tx, e, 'check_in', e.byUserId);
  const rows = await createNotifications(
    tx,
    ids.map((userId) => ({ userId, type: 'checked_in', orderId: e.orderId, reference: e.reference })),
  );
  return () => publishNotifications(rows);
}

export function wireDomainHooks(): void {
  // a booking paid online gets the confirmation that waited for its payment
  onPaymentCaptured(confirmPaidBooking);
  // staff hear of new work (the rule: repairs/server/staff-to-notify.ts)
  onBookingCreated(notifyNewBooking);
  onOrderCheckedIn(notifyCheckIn);
  // an order cancelled by staff (or by declining a revised quote) gives back what was paid
  onOrderCancelled(refundOnOrderCancelled);
}
