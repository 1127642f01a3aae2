/**
 * Reading payments: one payment (optionally locked), an order's payments, its balance, and the
 * views the API answers with.
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { invoices, paymentRefunds, payments, user } from '@/server/db/schema';
import { splitVatInclusive } from '@/features/pricing';
import type { LoadedOrder } from '@/features/repairs/server';
import type { Balance, CustomerRefundView, PaymentView, StaffPaymentView } from '../schemas';
import { isCaptured } from '../state';
import { isTestMode, methodOfProvider } from './gateway';

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof paymentRefunds.$inferSelect;

export async function getPayment(db: Db, id: string, forUpdate = false): Promise<PaymentRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const q = db.select().from(payments).where(eq(payments.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function orderPayments(db: Db, orderId: string): Promise<PaymentRow[]> {
  return db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(asc(payments.createdAt));
}

/** What has been paid: captured amounts less refunds. */
export function paidMinor(rows: readonly PaymentRow[]): number {
  return rows.reduce((sum, p) => (isCaptured(p.status) ? sum + p.amountMinor - p.refundedMinor : sum), 0);
}

/** What has been given back by refunds. */
export function refundedMinor(rows: readonly PaymentRow[]): number {
  return rows.reduce((sum, p) => (isCaptured(p.status) ? sum + p.refundedMinor : sum), 0);
}

/** Everything captured, before refunds. */
export function capturedMinor(rows: readonly PaymentRow[]): number {
  return rows.reduce((sum, p) => (isCaptured(p.status) ? sum + p.amountMinor : sum), 0);
}

/**
 * The balance of an order, in figures that add up: captured − refunded = paid (kept), and
 * total − captured = due. A refund is money the shop chose to give back (a cheaper part,
 * goodwill, a cancelled repair): it lowers what was paid but is never asked for again, so what
 * is due is the total less everything captured. What the shop still owes back: on a cancelled
 * order everything kept beyond the cancellation fee, otherwise what was kept beyond the total.
 */
export function balanceOf({ order, booking }: LoadedOrder, rows: readonly PaymentRow[]): Balance {
  const totalMinor = order.agreedTotalMinor ?? booking.totalMinor;
  const vatRateBp = booking.quote.vat.rateBp;
  const { netMinor, vatMinor } = splitVatInclusive(totalMinor, vatRateBp);
  const captured = capturedMinor(rows);
  const paid = paidMinor(rows);
  const refunded = refundedMinor(rows);
  const cancelled = order.status === 'cancelled' || booking.status === 'cancelled';
  return {
    currency: booking.currency,
    totalMinor,
    vatRateBp,
    netMinor,
    vatMinor,
    capturedMinor: captured,
    paidMinor: paid,
    refundedMinor: refunded,
    dueMinor: cancelled ? 0 : Math.max(0, totalMinor - captured),
    owedMinor: cancelled ? Math.max(0, paid - order.cancellationFeeMinor) : Math.max(0, paid - totalMinor),
    cancelled,
  };
}

/** An order's refunds as its customer sees them (failed attempts left out). */
export async function customerRefunds(db: Db, paymentIds: string[]): Promise<CustomerRefundView[]> {
  if (paymentIds.length === 0) return [];
  const rows = await db
    .select()
    .from(paymentRefunds)
    .where(and(inArray(paymentRefunds.paymentId, paymentIds), ne(paymentRefunds.status, 'failed')))
    .orderBy(asc(paymentRefunds.createdAt));
  return rows.map((r) => ({
    id: r.id,
    paymentId: r.paymentId,
    amountMinor: r.amountMinor,
    reason: r.reason,
    status: r.status === 'succeeded' ? 'succeeded' : 'pending',
    createdAt: r.createdAt.toISOString(),
  }));
}

async function invoicesOf(db: Db, paymentIds: string[]) {
  if (paymentIds.length === 0) return new Map<string, { id: string; number: string }>();
  const rows = await db
    .select({ id: invoices.id, number: invoices.number, paymentId: invoices.paymentId })
    .from(invoices)
    .where(inArray(invoices.paymentId, paymentIds));
  return new Map(rows.map((r) => [r.paymentId, { id: r.id, number: r.number }]));
}

function view(p: PaymentRow, reference: string, invoice: { id: string; number: string } | null): PaymentView {
  // the secrets a client needs to pay are only useful while the payment is still open
  const open = p.status === 'pending' || p.status === 'requires_action' || p.status === 'failed';
  return {
    id: p.id,
    orderId: p.orderId,
    reference,
    provider: p.provider,
    method: methodOfProvider(p.provider),
    purpose: p.purpose,
    status: p.status,
    amountMinor: p.amountMinor,
    refundedMinor: p.refundedMinor,
    currency: p.currency,
    methodDetail: p.methodDetail,
    failureMessage: p.status === 'failed' ? p.failureMessage : null,
    clientSecret: open ? p.clientSecret : null,
    approveUrl: open ? p.approveUrl : null,
    invoice,
    testMode: isTestMode(p.provider),
    createdAt: p.createdAt.toISOString(),
    succeededAt: p.succeededAt?.toISOString() ?? null,
  };
}

export async function paymentView(db: Db, p: PaymentRow, reference: string): Promise<PaymentView> {
  const inv = await invoicesOf(db, [p.id]);
  return view(p, reference, inv.get(p.id) ?? null);
}

export async function paymentViews(db: Db, rows: PaymentRow[], reference: string): Promise<PaymentView[]> {
  const inv = await invoicesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, reference, inv.get(r.id) ?? null));
}

export async function staffPaymentViews(
  db: Db,
  rows: PaymentRow[],
  reference: string,
): Promise<StaffPaymentView[]> {
  const ids = rows.map((r) => r.id);
  const [inv, refunds] = await Promise.all([
    invoicesOf(db, ids),
    ids.length
      ? db
          .select()
          .from(paymentRefunds)
          .where(inArray(paymentRefunds.paymentId, ids))
          .orderBy(asc(paymentRefunds.createdAt))
      : Promise.resolve([] as RefundRow[]),
  ]);
  // one look-up for everyone named: who recorded a payment and who made a refund
  const people = [...new Set([...rows, ...refunds].map((r) => r.createdBy).filter((x): x is string => !!x))];
  const names = new Map(
    people.length
      ? (await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, people))).map(
          (p) => [p.id, p.name] as const,
        )
      : [],
  );
  return rows.map((r) => ({
    ...view(r, reference, inv.get(r.id) ?? null),
    createdBy: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
    refunds: refunds
      .filter((f) => f.paymentId === r.id)
      .map((f) => ({
        id: f.id,
        amountMinor: f.amountMinor,
        reason: f.reason,
        status: f.status,
        createdAt: f.createdAt.toISOString(),
        createdBy: f.createdBy ? (names.get(f.createdBy) ?? null) : null,
      })),
  }));
}
