import { DomainError } from '@/server/domain-error';
import { formatMoney } from '../money';
import { isQuoteExpired, type Quote } from '../engine';

/** The price a customer accepted: the total they were shown and how long it was valid. */
export interface AcceptedPrice {
  totalMinor: number;
  expiresAt: string;
}

/**
 * Refuses a booking (or an approval) whose accepted price is past its validity, or is not the
 * price any more, so a customer is never charged a price they did not see. The fresh quote goes
 * back with the refusal (`quote` in the problem body) for the customer to accept instead.
 */
export function assertAcceptedPrice(accepted: AcceptedPrice | undefined, fresh: Quote, now: Date): void {
  if (!accepted) return;
  const price = formatMoney(fresh.totalMinor, fresh.currency);
  if (isQuoteExpired(accepted, now)) {
    throw new DomainError('QUOTE_EXPIRED', `This price has expired. The price is now ${price}.`, [], {
      quote: fresh,
    });
  }
  if (accepted.totalMinor !== fresh.totalMinor) {
    throw new DomainError('QUOTE_CHANGED', `The price has changed to ${price}.`, [], { quote: fresh });
  }
}
