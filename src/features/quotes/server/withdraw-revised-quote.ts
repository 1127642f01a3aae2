import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairQuotes } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import {
  applyStatusChange,
  finishStatusChange,
  type Caller,
  type ChangeStatusInput,
  type StatusChangeResult,
} from '@/features/repairs/server/commands';
import { assertCan, loadOrder, appendOrderEvent, publishOrderEvents } from '@/features/repairs/server';
import type { QuoteRow } from './list-revised-quotes';

export const WITHDRAWN_REASON = 'The shop withdrew the revised quote';

/**
 * The shop takes back a pending quote (wrong price, customer phoned instead): the quote becomes
 * `withdrawn` and, if the order is still waiting for approval, it returns to diagnosing so the
 * shop decides the next step. The customer sees a `quote_withdrawn` event.
 */
export async function withdrawRevisedQuote(
  db: Db,
  orderId: string,
  quoteId: string,
  caller: Caller,
  now = new Date(),
): Promise<QuoteRow> {
  const change: ChangeStatusInput = { to: 'diagnosing', reason: WITHDRAWN_REASON };
  const result = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, orderId, true);
    assertCan(caller.ability, 'update', loaded);
    const [quote] = await tx
      .select()
      .from(repairQuotes)
      .where(and(eq(repairQuotes.id, quoteId), eq(repairQuotes.orderId, loaded.order.id)));
    if (!quote) throw new DomainError('NOT_FOUND', 'This order has no revised quote with that id.');
    if (quote.status !== 'pending') {
      throw new DomainError('CONFLICT', `This revised quote is already ${quote.status}.`);
    }
    const [updated] = await tx
      .update(repairQuotes)
      .set({ status: 'withdrawn', decidedBy: caller.actor.userId, decidedAt: now })
      .where(eq(repairQuotes.id, quote.id))
      .returning();
    const withdrawn = await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: 'quote_withdrawn',
      actor: caller.actor,
      visibility: 'customer',
      data: { quoteId: quote.id, version: quote.version, totalMinor: quote.totalMinor },
      at: now,
    });
    let status: StatusChangeResult | null = null;
    if (loaded.order.status === 'awaiting_approval') {
      status = await applyStatusChange(
        tx,
        loaded,
        change,
        caller.actor,
        caller.role,
        now,
        caller.request ?? null,
      );
      status = { ...status, events: [withdrawn, ...status.events] };
    }
    return { quote: updated!, order: loaded.order, withdrawn, status };
  });
  if (result.status) await finishStatusChange(db, result.status, change);
  else publishOrderEvents(result.order, [result.withdrawn]);
  return result.quote;
}
