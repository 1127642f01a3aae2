import type { Db } from '@/server/db/runtime';
import type { CustomerQuotes } from '../schemas';
import type { LoadedOrder } from '@/features/repairs/server';
import { agreedTotalOf, listCustomerQuoteRows } from './list-revised-quotes';

/**
 * An order's revised quotes for the customer (portal or tracking link): lines, totals, the
 * agreed total they replace and the difference. Nothing internal: no staff names, no ids but
 * the quote's own.
 */
export async function listCustomerQuotes(db: Db, loaded: LoadedOrder): Promise<CustomerQuotes> {
  const quotes = await listCustomerQuoteRows(db, loaded);
  return {
    reference: loaded.order.reference,
    status: loaded.order.status,
    currency: loaded.booking.currency,
    agreedTotalMinor: agreedTotalOf(loaded),
    decisionCurrent: isDecisionCurrent(loaded, quotes[0]),
    quotes,
  };
}

/**
 * A decision moves the order (approved: repairing; declined: back to diagnosing) in the same
 * transaction, so the order entered its status at the decision's time. A later status (the
 * repair went on, was collected or cancelled) means the decision's text is history: the
 * timeline keeps it.
 */
function isDecisionCurrent(loaded: LoadedOrder, latest: CustomerQuotes['quotes'][number] | undefined) {
  if (!latest?.decidedAt || (latest.status !== 'approved' && latest.status !== 'declined')) return false;
  return loaded.order.statusEnteredAt.getTime() <= new Date(latest.decidedAt).getTime();
}
