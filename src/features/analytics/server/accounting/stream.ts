/** An accounting CSV as a stream: the header row, then each document's rows as they are read. */
import type { Db } from '@/server/db/client';
import type { AnalyticsScope } from '../scope';
import { csvLine } from '../exports/csv';
import { accountingDocuments, type AccountingDocument } from './documents';
import {
  type Cells,
  QUICKBOOKS_CREDIT_NOTE_COLUMNS,
  QUICKBOOKS_INVOICE_COLUMNS,
  XERO_COLUMNS,
  quickbooksRows,
  xeroRows,
} from './layouts';

export type AccountingFormat = 'xero' | 'quickbooks' | 'quickbooks-credit-notes';

const LAYOUT: Record<
  AccountingFormat,
  {
    columns: readonly string[];
    kinds: ReadonlyArray<AccountingDocument['kind']>;
    rows: (d: AccountingDocument, tz: string) => Cells[];
  }
> = {
  xero: { columns: XERO_COLUMNS, kinds: ['invoice', 'creditNote'], rows: xeroRows },
  quickbooks: { columns: QUICKBOOKS_INVOICE_COLUMNS, kinds: ['invoice'], rows: quickbooksRows },
  'quickbooks-credit-notes': {
    columns: QUICKBOOKS_CREDIT_NOTE_COLUMNS,
    kinds: ['creditNote'],
    rows: quickbooksRows,
  },
};

export function accountingCsvStream(
  db: Db,
  scope: AnalyticsScope,
  format: AccountingFormat,
): ReadableStream<Uint8Array> {
  const layout = LAYOUT[format];
  const encoder = new TextEncoder();
  const docs = accountingDocuments(db, scope, layout.kinds);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine([...layout.columns])));
        return;
      }
      let text = '';
      // up to 100 documents per chunk
      for (let i = 0; i < 100; i++) {
        const next = await docs.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        for (const row of layout.rows(next.value, scope.timeZone)) text += csvLine(row);
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await docs.return(undefined);
    },
  });
}
