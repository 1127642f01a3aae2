import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderLines, user } from '@/server/db/schema';
import type { SessionUser } from '@/server/http/app';
import { defineAbilityFor, type AppAbility } from '@/features/access';
import { isTerminal, type RepairStatus } from '@/features/repairs';
import { orderTotals } from '../quote-totals';
import type { OrderLines } from '../schemas';
import { assertCan, can, loadOrder, type LoadedOrder } from '@/features/repairs/server';
import { agreedTotalOf, listStaffQuotes } from './list-revised-quotes';

/** Statuses a revised quote may be sent from (the state machine's edges into awaiting_approval). */
export const QUOTE_FROM_STATUSES: ReadonlySet<string> = new Set(['diagnosing', 'repairing']);

export async function orderLineRows(db: Db, orderId: string) {
  return db
    .select()
    .from(repairOrderLines)
    .where(eq(repairOrderLines.orderId, orderId))
    .orderBy(asc(repairOrderLines.createdAt), asc(repairOrderLines.id));
}

/** The booking's urgency surcharge: part of the agreed price, not a line. */
export function surchargeOf(loaded: LoadedOrder): number {
  return loaded.booking.quote.urgencySurchargeMinor ?? 0;
}

/** Lines, totals and revised quotes of an order, for the staff console. */
export async function getOrderLines(db: Db, loaded: LoadedOrder, ability: AppAbility): Promise<OrderLines> {
  const [rows, quotes] = await Promise.all([
    db
      .select({ line: repairOrderLines, createdByName: user.name })
      .from(repairOrderLines)
      .leftJoin(user, eq(user.id, repairOrderLines.createdBy))
      .where(eq(repairOrderLines.orderId, loaded.order.id))
      .orderBy(asc(repairOrderLines.createdAt), asc(repairOrderLines.id)),
    listStaffQuotes(db, loaded),
  ]);
  const vatRateBp = loaded.booking.quote.vat.rateBp;
  const totals = orderTotals(
    rows.map((r) => r.line),
    surchargeOf(loaded),
    vatRateBp,
  );
  const agreedTotalMinor = agreedTotalOf(loaded);
  const pending = quotes.some((q) => q.status === 'pending');
  const terminal = isTerminal(loaded.order.status as RepairStatus);
  return {
    orderId: loaded.order.id,
    reference: loaded.order.reference,
    status: loaded.order.status,
    currency: loaded.booking.currency,
    vatRateBp,
    lines: rows.map(({ line, createdByName }) => ({
      id: line.id,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unitMinor: line.unitMinor,
      totalMinor: line.totalMinor,
      createdAt: line.createdAt.toISOString(),
      createdByName,
    })),
    ...totals,
    agreedTotalMinor,
    differenceMinor: totals.totalMinor - agreedTotalMinor,
    canEdit: can(ability, 'update', loaded),
    locked: terminal ? 'terminal' : pending ? 'pending_quote' : null,
    canSendQuote: !pending && QUOTE_FROM_STATUSES.has(loaded.order.status) && rows.length > 0,
    quotes,
  };
}

/** The lines and quotes of an order as this staff member sees them (404 when they may not). */
export async function linesFor(db: Db, id: string, user: SessionUser): Promise<OrderLines> {
  const ability = defineAbilityFor(user);
  const loaded = await loadOrder(db, id);
  assertCan(ability, 'read', loaded);
  return getOrderLines(db, loaded, ability);
}
