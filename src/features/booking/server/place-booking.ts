/**
 * Booking a repair, the use-case behind POST /api/bookings: the booking (its slot taken, or
 * held while an online payment is pending), then either the payment the customer goes on to
 * complete or, for pay on collection, the confirmation e-mail. Idempotent with a key: a retry
 * gets the same booking and the same payment back.
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { isMethodAvailable, paymentConfig, paymentView } from '@/features/payments/server';
import type { BookingConfirmation, BookingRequest } from '../schemas';
import { createBooking } from './create-booking';
import { bookingPaymentView, isOnline, startBookingPayment } from './booking-payment';
import { sendBookingConfirmation } from './send-confirmation';

export interface PlaceBookingOptions {
  idempotencyKey?: string;
  /** the base URL for links (tracking, manage, payment return) */
  baseUrl: string;
  /** the signed-in customer, whose account the booking joins */
  userId: string | null;
}

export interface PlacedBooking {
  booking: BookingConfirmation;
  /** a replay of an earlier request with the same idempotency key */
  replayed: boolean;
}

export async function placeBooking(
  db: Db,
  input: BookingRequest,
  opts: PlaceBookingOptions,
): Promise<PlacedBooking> {
  if (!isMethodAvailable(input.paymentMethod)) {
    throw new DomainError('VALIDATION_FAILED', 'That payment method is not available.', [
      { path: 'paymentMethod', message: 'PayPal is not available here. Choose card or pay on collection.' },
    ]);
  }
  const online = isOnline(input.paymentMethod);
  const { booking, replayed } = await createBooking(db, input, {
    idempotencyKey: opts.idempotencyKey,
    baseUrl: opts.baseUrl,
    userId: opts.userId,
    holdMinutes: paymentConfig().holdMinutes,
    // pay on collection: the confirmation (message + delivery job) commits with the booking, so
    // no crash can leave a booking without its e-mail; an online payment's waits for the money
    withBooking: online
      ? undefined
      : (tx, created) =>
          sendBookingConfirmation(tx, created, { manageUrl: created.manageUrl }).then(() => undefined),
  });

  if (isOnline(input.paymentMethod)) {
    // the slot is held while the customer pays; the confirmation e-mail waits for the payment
    // (or for a switch to pay on collection). A replay finds the same payment.
    const existing = replayed ? await bookingPaymentView(db, booking) : null;
    const payment =
      existing ??
      (await startBookingPayment(db, booking, input.paymentMethod, opts.baseUrl).then((row) =>
        paymentView(db, row, booking.reference),
      ));
    return { booking: { ...booking, payment }, replayed };
  }

  return { booking: { ...booking, payment: null }, replayed };
}
