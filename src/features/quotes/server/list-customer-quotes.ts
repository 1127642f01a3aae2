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
  return {
    reference: loaded.order.reference,
    status: loaded.order.status,
    currency: loaded.booking.currency,
    agreedTotalMinor: agreedTotalOf(loaded),
    quotes: await listCustomerQuoteRows(db, loaded),
  };
}
