/** Booking's API: booking a repair and its calendar file, the manage link, photos of the damage, pay on collection, walk-ins. */
import { createRouter } from '@/server/http/app';
import { bookingsRoutes } from './bookings';
import { manageRoutes } from './manage';
import { bookingPhotoRoutes } from './photos';
import { payOnCollectionRoutes } from './pay-on-collection';
import { walkInRoutes } from './walk-ins';

export const bookingApi = createRouter()
  .route('/', bookingsRoutes)
  .route('/', manageRoutes)
  .route('/', bookingPhotoRoutes)
  .route('/', payOnCollectionRoutes)
  .route('/', walkInRoutes);

export { isBookingPhotoUploadRequest } from './photos';
