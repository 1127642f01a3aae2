/**
 * Photos of the damage sent with a booking: how many, and while when. Pure, shared by the form
 * (which stops at the limit) and the server (which decides).
 */

/** At most this many photos from the customer per booking. */
export const BOOKING_PHOTO_MAX = 5;

/** The customer may add photos until the shop starts work on the device. */
export const BOOKING_PHOTO_STATUSES: readonly string[] = ['booked', 'received'];
