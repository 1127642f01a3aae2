import { eq, max } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairQuotes } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { orderTotals } from '../quote-totals';
import {
  applyStatusChange,
  finishStatusChange,
  type Caller,
  type ChangeStatusInput,
} from '@/features/repairs/server/commands';
import { assertCan, loadOrder, appendOrderEvent } from '@/features/repairs/server';
import { findPendingQuote } from './assert-lines-editable';
import { QUOTE_FROM_STATUSES, orderLineRows, surchargeOf } from './get-order-lines';
import { agreedTotalOf, type QuoteRow } from './list-revised-quotes';

/**
 * Snapshots the order's current lines as a new revised quote (status pending) and moves the
 * order to awaiting_approval in the same transaction: from diagnosing, or from repairing with
 * the message as the reason the state machine asks for. The customer gets the status e-mail
 * (with the message and their tracking link) and an in-app notification; the timeline gets a
 * customer-visible `quote_sent` event.
 * 409 when a quote is already pending, the status does not allow one, or there are no lines.
 */
export async function sendRevisedQuote(
  db: Db,
  orderId: string,
  input: { message: string },
  caller: Caller,
  now = new Date(),
): Promise<QuoteRow> {
  const message = input.message.trim();
  const change: ChangeStatusInput = { to: 'awaiting_approval', reason: message, message };
  const result = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, orderId, true);
    assertCan(caller.ability, 'update', loaded);
    if (await findPendingQuote(tx, loaded.order.id)) {
      throw new DomainError('CONFLICT', 'A revised quote is already waiting for the customer.');
    }
    if (!QUOTE_FROM_STATUSES.has(loaded.order.status)) {
      throw new DomainError(
        'CONFLICT',
        `A revised quote can be sent while diagnosing or repairing; this order is ${loaded.order.status}.`,
      );
    }
    const lines = await orderLineRows(tx, loaded.order.id);
    if (lines.length === 0) throw new DomainError('CONFLICT', 'Add the repair lines before sending a quote.');
    const totals = orderTotals(lines, surchargeOf(loaded), loaded.booking.quote.vat.rateBp);
    const [last] = await tx
      .select({ version: max(repairQuotes.version) })
      .from(repairQuotes)
      .where(eq(repairQuotes.orderId, loaded.order.id));
    const version = (last?.version ?? 0) + 1;
    const [quote] = await tx
      .insert(repairQuotes)
      .values({
        orderId: loaded.order.id,
        version,
        status: 'pending',
        lines: lines.map((l) => ({
          kind: l.kind,
          description: l.description,
          quantity: l.quantity,
          unitMinor: l.unitMinor,
          totalMinor: l.totalMinor,
        })),
        totalMinor: totals.totalMinor,
        vatMinor: totals.vatMinor,
        currency: loaded.booking.currency,
        message,
        sentBy: caller.actor.userId,
        sentAt: now,
      })
      .returning();
    const sent = await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: 'quote_sent',
      actor: caller.actor,
      visibility: 'customer',
      data: {
        quoteId: quote!.id,
        version,
        totalMinor: totals.totalMinor,
        previousTotalMinor: agreedTotalOf(loaded),
        currency: loaded.booking.currency,
      },
      at: now,
    });
    const status = await applyStatusChange(
      tx,
      loaded,
      change,
      caller.actor,
      caller.role,
      now,
      caller.request ?? null,
    );
    return { quote: quote!, status: { ...status, events: [sent, ...status.events] } };
  });
  await finishStatusChange(db, result.status, change);
  return result.quote;
}
