/**
 * Who may see and pay a payment: staff who may read the order, the signed-in owner of the
 * order, or whoever holds its tracking link (reference + secret token). Anyone else gets the
 * same 404 as for a payment that does not exist.
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import type { SessionUser } from '@/server/http/app';
import { defineAbilityFor } from '@/features/access';
import { findBookingByToken, can, loadOrder, type LoadedOrder } from '@/features/repairs/server';
import { getPayment, type PaymentRow } from './ledger';

export interface PaymentCaller {
  user: SessionUser | null;
  token?: string | null;
}

export const paymentNotFound = () => new DomainError('NOT_FOUND', 'No payment matches that link.');

export async function mayAccessOrder(db: Db, loaded: LoadedOrder, caller: PaymentCaller): Promise<boolean> {
  if (caller.user) {
    if (loaded.booking.userId === caller.user.id) return true;
    if (can(defineAbilityFor(caller.user), 'read', loaded)) return true;
  }
  if (caller.token) {
    const booking = await findBookingByToken(db, loaded.booking.reference, caller.token);
    return booking?.id === loaded.booking.id;
  }
  return false;
}

export async function accessiblePayment(
  db: Db,
  paymentId: string,
  caller: PaymentCaller,
): Promise<{ payment: PaymentRow; loaded: LoadedOrder }> {
  const payment = await getPayment(db, paymentId);
  if (!payment) throw paymentNotFound();
  const loaded = await loadOrder(db, payment.orderId);
  if (!(await mayAccessOrder(db, loaded, caller))) throw paymentNotFound();
  return { payment, loaded };
}
