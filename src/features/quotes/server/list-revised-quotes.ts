import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/server/db/runtime';
import { repairQuotes, user } from '@/server/db/schema';
import { DEFAULT_PRICING_CONFIG } from '@/features/pricing';
import { previousAgreedTotals, revisedQuoteExpiresAt, snapshotSurcharge, sortQuotes } from '../quote-totals';
import type { CustomerQuote, StaffQuote } from '../schemas';
import type { LoadedOrder } from '@/features/repairs/server';

export type QuoteRow = typeof repairQuotes.$inferSelect;

/** The agreed price before any revised quote: the booking's total. */
export function bookedTotalOf(loaded: LoadedOrder): number {
  return loaded.booking.quote.totalMinor ?? loaded.booking.totalMinor;
}

export function agreedTotalOf(loaded: LoadedOrder): number {
  return loaded.order.agreedTotalMinor ?? bookedTotalOf(loaded);
}

/** An order's revised quotes (pending first, then newest first) as the staff see them. */
export async function listStaffQuotes(db: Db, loaded: LoadedOrder): Promise<StaffQuote[]> {
  const sender = alias(user, 'sender');
  const decider = alias(user, 'decider');
  const rows = await db
    .select({ quote: repairQuotes, sentByName: sender.name, decidedByName: decider.name })
    .from(repairQuotes)
    .leftJoin(sender, eq(sender.id, repairQuotes.sentBy))
    .leftJoin(decider, eq(decider.id, repairQuotes.decidedBy))
    .where(eq(repairQuotes.orderId, loaded.order.id))
    .orderBy(asc(repairQuotes.version));
  const customer = describeQuotes(
    rows.map((r) => r.quote),
    loaded,
  );
  const names = new Map(rows.map((r) => [r.quote.id, r]));
  return customer.map((q) => ({
    ...q,
    sentByName: names.get(q.id)?.sentByName ?? null,
    decidedByName: names.get(q.id)?.decidedByName ?? null,
  }));
}

/** The customer's view of an order's revised quotes: what they agreed to and what changes. */
export async function listCustomerQuoteRows(db: Db, loaded: LoadedOrder): Promise<CustomerQuote[]> {
  const rows = await db
    .select()
    .from(repairQuotes)
    .where(eq(repairQuotes.orderId, loaded.order.id))
    .orderBy(asc(repairQuotes.version));
  return describeQuotes(rows, loaded);
}

/** When a revised quote's price stops holding (the booking quote's validity, from sending). */
export function quoteExpiresAt(quote: Pick<QuoteRow, 'sentAt'>): Date {
  return revisedQuoteExpiresAt(quote.sentAt, DEFAULT_PRICING_CONFIG.quoteValidityDays);
}

function describeQuotes(rows: QuoteRow[], loaded: LoadedOrder, now = new Date()): CustomerQuote[] {
  const previous = previousAgreedTotals(rows, bookedTotalOf(loaded));
  const waiting = loaded.order.status === 'awaiting_approval';
  return sortQuotes(rows).map((q) => {
    const previousTotalMinor = previous.get(q.id) ?? bookedTotalOf(loaded);
    return {
      id: q.id,
      version: q.version,
      status: q.status,
      lines: q.lines.map((l) => ({
        kind: l.kind,
        description: l.description,
        quantity: l.quantity,
        unitMinor: l.unitMinor,
        totalMinor: l.totalMinor,
      })),
      surchargeMinor: snapshotSurcharge(q.totalMinor, q.lines),
      totalMinor: q.totalMinor,
      vatMinor: q.vatMinor,
      vatRateBp: loaded.booking.quote.vat.rateBp,
      currency: q.currency,
      message: q.message,
      sentAt: q.sentAt.toISOString(),
      expiresAt: quoteExpiresAt(q).toISOString(),
      expired: q.status === 'pending' && quoteExpiresAt(q).getTime() <= now.getTime(),
      decidedAt: q.decidedAt?.toISOString() ?? null,
      decisionNote: q.decisionNote,
      previousTotalMinor,
      differenceMinor: q.totalMinor - previousTotalMinor,
      canDecide: q.status === 'pending' && waiting,
    };
  });
}
