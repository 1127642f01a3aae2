/** Booking's API: booking a repair and its calendar file, the manage link, pay on collection, walk-ins. */
import { createRouter } from '@/server/http/app';
import { bookingsRoutes } from './bookings';
import { manageRoutes } from './manage';
import { payOnCollectionRoutes } from './pay-on-collection';
import { walkInRoutes } from './walk-ins';

export const bookingApi = createRouter()
  .route('/', bookingsRoutes)
  .route('/', manageRoutes)
  .route('/', payOnCollectionRoutes)
  .route('/', walkInRoutes);
