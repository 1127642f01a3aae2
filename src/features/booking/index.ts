/** The booking domain's public surface, shared (server and browser) side: what other domains may import. */
export { CustomerSchema, type BookingConfirmation } from './schemas';
