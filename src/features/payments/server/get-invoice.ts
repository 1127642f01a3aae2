/** Reading invoices: one by id, and one for whoever may see its order (else the same 404). */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { invoices } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { isUuid, loadOrder, type LoadedOrder } from '@/features/repairs/server';
import { mayAccessOrder, type PaymentCaller } from './access';
import type { InvoiceRow } from './issue-invoice';

export const invoiceNotFound = () => new DomainError('NOT_FOUND', 'No invoice matches that link.');

/** null for an unknown id, and for anything that is not a uuid (never a database error). */
export async function getInvoice(db: Db, id: string): Promise<InvoiceRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  return row ?? null;
}

/** The invoice, if `caller` may read its order: staff who may read it, its owner, its tracking link. */
export async function accessibleInvoice(
  db: Db,
  id: string,
  caller: PaymentCaller,
): Promise<{ invoice: InvoiceRow; loaded: LoadedOrder }> {
  const invoice = await getInvoice(db, id);
  if (!invoice) throw invoiceNotFound();
  const loaded = await loadOrder(db, invoice.orderId);
  if (!(await mayAccessOrder(db, loaded, caller))) throw invoiceNotFound();
  return { invoice, loaded };
}
