/** The booking domain's public surface, React side: what other domains may import. */
export { bookingClient } from './api-client';
