/**
 * The rating form's limits, without zod: the rating page imports them in the browser (zod's
 * schema compiler probes for eval, which the pages' CSP reports).
 */
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export const RATING_COMMENT_MAX = 1000;
/** How long a rating link works after collection. */
export const RATING_LINK_DAYS = 60;
