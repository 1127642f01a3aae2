import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrders, repairQuotes } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { createNotifications } from '@/features/notifications/server';
import type { StaffRole } from '@/features/repairs';
import {
  applyStatusChange,
  finishStatusChange,
  type ChangeStatusInput,
} from '@/features/repairs/server/commands';
import {
  loadOrder,
  orderNotFound,
  type LoadedOrder,
  appendOrderEvent,
  type EventActor,
  staffToNotify,
} from '@/features/repairs/server';
import type { AuditRequest } from '@/features/audit/server';
import { formatMoney } from '@/features/pricing';
import { orderTotals } from '../quote-totals';
import { agreedTotalOf, quoteExpiresAt, type QuoteRow } from './list-revised-quotes';
import { orderLineRows, surchargeOf } from './get-order-lines';

export type QuoteDecision = 'approve' | 'decline';

export const DECLINED_REASON = 'Customer declined the revised quote';
export const APPROVED_MESSAGE = 'Customer approved the revised quote';

/**
 * The customer's decision drives the order's next step, but the state machine's edges out of
 * awaiting_approval are written for staff (a technician moving on after a phone call, or
 * re-diagnosing). Here the authority is the customer's own approval, checked by `mayDecide`
 * (the account's owner, or the holder of the tracking link), so the change is applied with the
 * lowest role those edges allow. A customer can still make no other move this way.
 */
const DECISION_ROLE: StaffRole = 'technician';

export interface DecisionInput {
  decision: QuoteDecision;
  note?: string;
  /** approving an expired quote: the fresh total the customer was offered with the refusal */
  acceptTotalMinor?: number;
}

export interface Decider {
  actor: EventActor;
  /** whether this caller may decide for the (locked) order; false answers 404 */
  mayDecide(loaded: LoadedOrder): boolean;
  /** the caller's address and user agent, for the audit row of the status change it causes */
  request?: AuditRequest | null;
}

/**
 * Approve: the quote is approved, its total becomes the agreed total and the order moves
 * awaiting_approval -> repairing. Decline: the quote is declined and the order returns to
 * diagnosing with the reason (and the customer's note) so the shop decides the next step.
 * One transaction with the order row locked; deciding twice, or a quote that is not pending,
 * or an order that no longer waits for approval, is 409. The assigned technician (else the
 * shop's managers) is notified; live clients hear about it after the commit.
 */
export async function decideRevisedQuote(
  db: Db,
  reference: string,
  quoteId: string,
  input: DecisionInput,
  decider: Decider,
  now = new Date(),
): Promise<LoadedOrder> {
  const note = input.note?.trim() || undefined;
  const approve = input.decision === 'approve';
  const change: ChangeStatusInput = approve
    ? { to: 'repairing', message: APPROVED_MESSAGE }
    : { to: 'diagnosing', reason: note ? `${DECLINED_REASON}: ${note}` : DECLINED_REASON };

  const result = await db.transaction(async (tx) => {
    const locked = await loadOrder(tx, reference, true);
    if (!decider.mayDecide(locked)) throw orderNotFound();
    let [quote] = await tx
      .select()
      .from(repairQuotes)
      .where(and(eq(repairQuotes.id, quoteId), eq(repairQuotes.orderId, locked.order.id)));
    if (!quote) throw new DomainError('NOT_FOUND', 'This repair has no revised quote with that id.');
    if (quote.status !== 'pending') {
      throw new DomainError('CONFLICT', `This revised quote was already ${quote.status}.`);
    }
    if (locked.order.status !== 'awaiting_approval') {
      throw new DomainError('CONFLICT', 'This repair is no longer waiting for your decision.');
    }
    const previousTotalMinor = agreedTotalOf(locked);
    if (approve && quoteExpiresAt(quote).getTime() <= now.getTime()) {
      // too late for this price: approve the order's lines at today's price, or be told it
      quote = await approveAtFreshPrice(tx, locked, quote, input.acceptTotalMinor, decider, now);
    }
    await tx
      .update(repairQuotes)
      .set({
        status: approve ? 'approved' : 'declined',
        decidedBy: decider.actor.userId,
        decidedAt: now,
        decisionNote: note ?? null,
      })
      .where(eq(repairQuotes.id, quote.id));
    let loaded = locked;
    if (approve) {
      const [order] = await tx
        .update(repairOrders)
        .set({ agreedTotalMinor: quote.totalMinor, updatedAt: now })
        .where(eq(repairOrders.id, locked.order.id))
        .returning();
      loaded = { order: order!, booking: locked.booking };
    }
    const decided = await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: approve ? 'quote_approved' : 'quote_declined',
      actor: decider.actor,
      visibility: 'customer',
      message: note ?? null,
      data: {
        quoteId: quote.id,
        version: quote.version,
        totalMinor: quote.totalMinor,
        previousTotalMinor,
        currency: quote.currency,
      },
      at: now,
    });
    const status = await applyStatusChange(
      tx,
      loaded,
      change,
      decider.actor,
      DECISION_ROLE,
      now,
      decider.request ?? null,
    );
    const recipients = await staffToNotify(tx, loaded.order, 'quote_decision', decider.actor.userId);
    const staffNotes = await createNotifications(
      tx,
      recipients.map((userId) => ({
        userId,
        type: 'quote_decided',
        orderId: loaded.order.id,
        reference: loaded.order.reference,
        data: {
          quoteId: quote.id,
          version: quote.version,
          decision: approve ? 'approved' : 'declined',
          totalMinor: quote.totalMinor,
          currency: quote.currency,
        },
      })),
    );
    return {
      ...status,
      events: [decided, ...status.events],
      notifications: [...status.notifications, ...staffNotes],
    };
  });
  await finishStatusChange(db, result, change);
  return result.loaded;
}

/**
 * An expired quote's approval. Its price no longer holds, so the order's lines are priced again
 * (today's lines, the booking's surcharge): unless the customer accepts exactly that total
 * (`acceptTotalMinor`, offered with the refusal), the approval is refused with 409
 * QUOTE_EXPIRED and the fresh price. Accepted, the expired quote is closed as `expired` and a
 * new version with the fresh lines takes its place, to be approved by the caller (same
 * transaction, order row locked).
 */
async function approveAtFreshPrice(
  tx: Db,
  loaded: LoadedOrder,
  expired: QuoteRow,
  acceptTotalMinor: number | undefined,
  decider: Decider,
  now: Date,
): Promise<QuoteRow> {
  const lines = await orderLineRows(tx, loaded.order.id);
  const totals = orderTotals(lines, surchargeOf(loaded), loaded.booking.quote.vat.rateBp);
  if (acceptTotalMinor !== totals.totalMinor) {
    const price = formatMoney(totals.totalMinor, expired.currency);
    throw new DomainError(
      'QUOTE_EXPIRED',
      `This quote expired on ${quoteExpiresAt(expired).toISOString().slice(0, 10)}. The price is now ${price}.`,
      [],
      {
        quote: {
          quoteId: expired.id,
          totalMinor: totals.totalMinor,
          vatMinor: totals.vatMinor,
          currency: expired.currency,
          expiredAt: quoteExpiresAt(expired).toISOString(),
          expiredTotalMinor: expired.totalMinor,
        },
      },
    );
  }
  await tx
    .update(repairQuotes)
    .set({ status: 'expired', decidedBy: decider.actor.userId, decidedAt: now })
    .where(eq(repairQuotes.id, expired.id));
  const [fresh] = await tx
    .insert(repairQuotes)
    .values({
      orderId: loaded.order.id,
      version: expired.version + 1,
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
      currency: expired.currency,
      message: expired.message,
      sentBy: expired.sentBy,
      sentAt: now,
    })
    .returning();
  return fresh!;
}
