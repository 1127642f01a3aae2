/**
 * What other domains do when a booking is made (a customer's booking or a walk-in), inside the
 * booking's own transaction (see src/server/tx-hooks.ts). Booking knows none of them: the entry
 * registers the hooks (src/server/entry/hooks.ts).
 */
import { txHooks } from '@/server/tx-hooks';

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

export const bookingCreatedHooks = txHooks<BookingCreated>('booking-created');
export const onBookingCreated = bookingCreatedHooks.on;
