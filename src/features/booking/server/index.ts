/** The booking domain's server surface for other domains and the entry. */
export { registerBookingWorkers } from './register-workers';
export { confirmPaidBooking } from './booking-payment';
export { shopAddress, trackingUrl } from './create-booking';
export { insertBookingSql, type BookingWriteResult } from './insert-booking-sql';
export { sendBookingConfirmation } from './send-confirmation';
