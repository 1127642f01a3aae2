import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairQuotes } from '@/server/db/schema';
import type { LoadedOrder } from '@/features/repairs/server';
import { snapshotSurcharge } from '../quote-totals';
import { bookedTotalOf } from './list-revised-quotes';

export interface AgreedLine {
  kind: 'repair' | 'part' | 'labour';
  description: string;
  quantity: number;
  unitMinor: number;
  totalMinor: number;
}

/** What the customer agreed to: the lines, the booking's urgency surcharge and their total. */
export interface AgreedPrice {
  lines: AgreedLine[];
  surchargeMinor: number;
  /** lines + surcharge: the order's agreed total */
  totalMinor: number;
  /** the approved revised quote it comes from, or null for the price agreed at booking */
  quoteVersion: number | null;
}

/**
 * The price the customer agreed to, line by line: the lines of the last approved revised quote,
 * or the booking's own quote when none was approved. Lines of a declined, withdrawn or pending
 * quote, and lines added since, are not part of it: documents that show what was agreed
 * (receipts, the job ticket's signed total) are built from this, never from the working lines.
 */
export async function agreedPriceOf(db: Db, loaded: LoadedOrder): Promise<AgreedPrice> {
  const [approved] = await db
    .select()
    .from(repairQuotes)
    .where(and(eq(repairQuotes.orderId, loaded.order.id), eq(repairQuotes.status, 'approved')))
    .orderBy(desc(repairQuotes.version))
    .limit(1);
  if (approved) {
    return {
      lines: approved.lines.map((l) => ({ ...l })),
      surchargeMinor: snapshotSurcharge(approved.totalMinor, approved.lines),
      totalMinor: approved.totalMinor,
      quoteVersion: approved.version,
    };
  }
  const { quote } = loaded.booking;
  return {
    lines: quote.lines.map((l) => ({
      kind: 'repair',
      description: l.repairName,
      quantity: 1,
      unitMinor: l.totalMinor,
      totalMinor: l.totalMinor,
    })),
    surchargeMinor: quote.urgencySurchargeMinor ?? 0,
    totalMinor: bookedTotalOf(loaded),
    quoteVersion: null,
  };
}
