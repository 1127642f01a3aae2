/** The ratings domain's server surface, for the entry (hooks) and pages. */
export { requestRating, ratingRequestKey, withdrawRatingRequest } from './request-rating';
export { findOrderRating, getRatingView, getStaffOrderRating } from './get-rating';
export { ratingPath, ratingToken, ratingLinkExpiry } from './rating-token';
