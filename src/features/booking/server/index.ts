/** The booking domain's server surface for other domains and the entry. */
export { registerBookingWorkers } from './register-workers';
export { confirmPaidBooking } from './booking-payment';
export { onBookingCreated, onBookingCreatedBatch, type BookingCreated } from './booking-hooks';
export { latestBookedShop } from './latest-booked-shop';
export { bookingIcsAttachment } from './calendar';
