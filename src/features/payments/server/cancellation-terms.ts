/**
 * What cancelling an order means for its money, before and after: what was paid (captured less
 * refunds), the fee the shop keeps under its cancellation policy (never more than was paid) and
 * what goes back to the customer. Read-only (safe for pages: the manage page shows it before the
 * customer confirms).
 */
import type { Db } from '@/server/db/runtime';
import { orderPayments, paidMinor, refundedMinor, type PaymentRow } from './ledger';

export interface CancellationTerms {
  currency: string;
  /** captured less refunds: what the shop holds now */
  paidMinor: number;
  /** the fee kept under the shop's policy (at most what is paid) */
  feeMinor: number;
  /** what (still) goes back to the customer: paid less the fee */
  refundMinor: number;
  /** refunded so far */
  refundedMinor: number;
}

export function cancellationTermsOf(
  rows: readonly PaymentRow[],
  shopFeeMinor: number,
  currency: string,
): CancellationTerms {
  const paid = paidMinor(rows);
  const fee = Math.min(Math.max(0, shopFeeMinor), paid);
  return {
    currency,
    paidMinor: paid,
    feeMinor: fee,
    refundMinor: paid - fee,
    refundedMinor: refundedMinor(rows),
  };
}

/** The terms for an order as its payments stand now (pass the transaction to read under lock). */
export async function cancellationTerms(
  db: Db,
  orderId: string,
  shopFeeMinor: number,
  currency: string,
): Promise<CancellationTerms> {
  return cancellationTermsOf(await orderPayments(db, orderId), shopFeeMinor, currency);
}
