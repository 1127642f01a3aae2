/**
 * Payments of one order as its customer and its staff see them, and the two ways money is
 * asked for after booking: the customer pays the balance online, or staff record money taken
 * at the counter.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { payments } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { formatMoney } from '@/features/pricing';
import type { LoadedOrder, EventActor } from '@/features/repairs/server';
import type { OrderPayments, PaymentMethod } from '../schemas';
import { applyPaymentUpdate, type PaymentUpdateResult } from './apply-update';
import { createPayment } from './create-payment';
import { isMethodAvailable, providerForMethod } from './gateway';
import { balanceOf, customerRefunds, orderPayments, paymentViews, type PaymentRow } from './ledger';

export async function customerOrderPayments(db: Db, loaded: LoadedOrder): Promise<OrderPayments> {
  const rows = await orderPayments(db, loaded.order.id);
  // staff's counter records and abandoned attempts are not the customer's business, receipts are
  const shown = rows.filter((p) => p.status !== 'failed' || p.purpose === 'balance');
  return {
    reference: loaded.order.reference,
    balance: balanceOf(loaded, rows),
    payments: await paymentViews(db, shown, loaded.order.reference),
    refunds: await customerRefunds(
      db,
      rows.map((p) => p.id),
    ),
  };
}

function assertPayable(loaded: LoadedOrder) {
  if (loaded.order.status === 'cancelled' || loaded.booking.status === 'cancelled') {
    throw new DomainError('CONFLICT', 'This repair was cancelled, so there is nothing to pay.');
  }
}

/** The customer pays what is due online. An open attempt for the same amount is reused. */
export async function payBalance(
  db: Db,
  loaded: LoadedOrder,
  method: Exclude<PaymentMethod, 'collection'>,
  opts: { idempotencyKey?: string | null; baseUrl: string; userId?: string | null },
): Promise<PaymentRow> {
  assertPayable(loaded);
  if (!isMethodAvailable(method)) {
    throw new DomainError('VALIDATION_FAILED', 'That payment method is not available.', [
      { path: 'method', message: 'Choose card.' },
    ]);
  }
  const rows = await orderPayments(db, loaded.order.id);
  const due = balanceOf(loaded, rows).dueMinor;
  if (due <= 0) throw new DomainError('CONFLICT', 'Nothing is due on this repair.');
  const provider = providerForMethod(method);
  if (!opts.idempotencyKey) {
    const open = rows.find(
      (p) =>
        p.provider === provider &&
        p.amountMinor === due &&
        (p.status === 'pending' || p.status === 'failed' || p.status === 'requires_action'),
    );
    if (open) return open;
  }
  return createPayment(db, {
    loaded,
    provider,
    purpose: 'balance',
    amountMinor: due,
    idempotencyKey: `balance:${loaded.order.id}:${opts.idempotencyKey ?? crypto.randomUUID()}`,
    baseUrl: opts.baseUrl,
    createdBy: opts.userId ?? null,
  });
}

/** Staff record money taken in the shop (cash or the card terminal): a paid payment at once. */
export async function recordCounterPayment(
  db: Db,
  loaded: LoadedOrder,
  input: { kind: 'cash' | 'card_terminal'; amountMinor?: number; idempotencyKey?: string | null },
  opts: { baseUrl: string; actor: EventActor & { userId: string } },
): Promise<PaymentUpdateResult & { payment: PaymentRow }> {
  assertPayable(loaded);
  const rows = await orderPayments(db, loaded.order.id);
  const due = balanceOf(loaded, rows).dueMinor;
  const amount = input.amountMinor ?? due;
  if (input.idempotencyKey) {
    const [done] = await db
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.orderId, loaded.order.id),
          eq(payments.idempotencyKey, `counter:${loaded.order.id}:${input.idempotencyKey}`),
        ),
      );
    if (done)
      return {
        outcome: 'unchanged',
        payment: done,
        invoice: null,
        captured: false,
        failed: false,
        loaded,
        events: [],
      };
  }
  if (due <= 0) throw new DomainError('CONFLICT', 'Nothing is due on this repair.');
  if (amount > due) {
    const message = `At most ${formatMoney(due, loaded.booking.currency)} is due.`;
    throw new DomainError('VALIDATION_FAILED', message, [{ path: 'amountMinor', message }]);
  }
  const row = await createPayment(db, {
    loaded,
    provider: 'collection',
    purpose: 'balance',
    amountMinor: amount,
    idempotencyKey: `counter:${loaded.order.id}:${input.idempotencyKey ?? crypto.randomUUID()}`,
    baseUrl: opts.baseUrl,
    createdBy: opts.actor.userId,
  });
  const result = await applyPaymentUpdate(db, {
    provider: 'collection',
    paymentId: row.id,
    snapshot: { status: 'succeeded', methodDetail: input.kind === 'cash' ? 'Cash' : 'Card terminal' },
    // the timeline says who took the money
    actor: opts.actor,
  });
  return { ...result, payment: result.payment ?? row };
}

/** Open online attempts of a booking (the expiry job settles them before giving up). */
export async function openBookingPayments(db: Db, bookingId: string): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.bookingId, bookingId),
        eq(payments.purpose, 'booking'),
        inArray(payments.status, ['pending', 'requires_action', 'failed']),
      ),
    );
}
