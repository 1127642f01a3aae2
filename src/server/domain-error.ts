/**
 * The one error that services (and routes) throw when a request cannot be carried out: an
 * unknown record, a refused change, a conflict, a field that is wrong. It says what went wrong
 * in the domain's words and knows nothing of HTTP: the API's error handler alone maps its code
 * to a status and an application/problem+json body (src/server/http/errors.ts).
 */

/** What kind of failure this is (the HTTP layer maps each to one status). */
export type DomainErrorCode =
  /** the input cannot be read at all (a broken upload, a webhook that is not an event) */
  | 'BAD_REQUEST'
  /** fields are wrong: `fieldErrors` says which */
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  /** staff who must use two-factor (STAFF_TWO_FACTOR=required) and have not set it up yet */
  | 'TWO_FACTOR_SETUP_REQUIRED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** a change based on an older version of the record: `extra.current` has the current state */
  | 'VERSION_CONFLICT'
  | 'SLOT_FULL'
  /** a booking released because its payment hold ran out: book again */
  | 'BOOKING_RELEASED'
  | 'SLOT_UNAVAILABLE'
  | 'IDEMPOTENCY_MISMATCH'
  /** the price the customer accepted is past its validity: `extra.quote` has the fresh price */
  | 'QUOTE_EXPIRED'
  /** the price the customer accepted is no longer the price: `extra.quote` has the fresh price */
  | 'QUOTE_CHANGED'
  | 'PAYMENT_DECLINED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  /** a service this one needs (a payment provider, the mail server) did not answer */
  | 'UNAVAILABLE';

export interface FieldError {
  /** the field, as a dotted path into the input (`service.shopSlug`) */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** further members of the answer (e.g. `quote`: the fresh price), never internals */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** RATE_LIMITED: seconds until trying again is worth it (answered as Retry-After) */
  retryAfterSeconds?: number;

  /** A RATE_LIMITED error that says when to try again. */
  static rateLimited(message: string, retryAfterSeconds: number): DomainError {
    const err = new DomainError('RATE_LIMITED', message);
    err.retryAfterSeconds = retryAfterSeconds;
    return err;
  }
}
