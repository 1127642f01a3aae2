/**
 * What other domains do when a booking is made (a customer's booking or a walk-in). Booking knows
 * none of them: the entry registers the handlers (src/server/entry/hooks.ts).
 *
 * The event is an outbox row written by the booking's own statement (insert-booking-sql.ts,
 * `also`), so it commits with the booking; the handlers run after the commit, in a transaction
 * of their own (src/server/outbox.ts), not in the booking's: the staff notice's ~9 statements
 * (who to tell, preferences, bell, push, e-mail) no longer hold the booking's transaction (on
 * PGlite, the whole database) open. A failing handler is retried; nothing is lost.
 */
import { outboxTopic } from '@/server/outbox';

export interface BookingCreated {
  bookingId: string;
  orderId: string;
  reference: string;
  /** the order's shop (null for mail-in) */
  shopSlug: string | null;
  serviceType: 'drop_off' | 'mail_in' | 'walk_in';
  /** the staff member who took a walk-in (null: the customer booked) */
  createdByUserId: string | null;
}

export const bookingCreated = outboxTopic<BookingCreated>('booking-created');
export const onBookingCreated = bookingCreated.on;
export const onBookingCreatedBatch = bookingCreated.onBatch;
