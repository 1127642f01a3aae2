/**
 * The support domain's message limits, apart from its zod schemas: client components read them,
 * and importing schemas.ts would put zod in the page's bundle, whose feature test of
 * `new Function` is reported as a CSP violation (pages allow no eval).
 */
export const MAX_SUPPORT_MESSAGE = 2_000;
export const MAX_STAFF_REPLY = 4_000;
