/**
 * The receipt e-mail for an invoice, with its PDF attached. (Replaced by the full version with
 * the PDF renderer.)
 */
import type { Db } from '@/server/db/runtime';

export async function sendPaymentReceipt(_db: Db, _invoiceId: string, _baseUrl: string): Promise<void> {
  // filled in with the invoice PDF and the receipt template
}
