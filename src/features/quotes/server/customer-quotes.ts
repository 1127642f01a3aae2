/**
 * The customer's side of revised quotes: reading them and deciding, as the order's signed-in
 * owner or as the holder of its tracking link. Anyone else is told the order does not exist.
 */
import type { Db } from '@/server/db/runtime';
import type { SessionUser } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { defineAbilityFor } from '@/features/access';
import type { AuditRequest } from '@/features/audit/server';
import {
  can,
  findBookingByToken,
  findOrderByToken,
  findOwnedOrder,
  orderNotFound,
  type LoadedOrder,
} from '@/features/repairs/server';
import type { CustomerQuotes } from '../schemas';
import { decideRevisedQuote, type QuoteDecision } from './decide-revised-quote';
import { listCustomerQuotes } from './list-customer-quotes';

const trackNotFound = () => new DomainError('NOT_FOUND', 'No repair matches that reference and link.');

/** The signed-in owner of the order: the account routes are theirs alone (staff use the console). */
function ownedBy(u: SessionUser) {
  const ability = defineAbilityFor(u);
  return (loaded: LoadedOrder) => loaded.booking.userId === u.id && can(ability, 'approve', loaded);
}

/** The revised quotes of one of the user's orders. */
export async function quotesForOwner(db: Db, u: SessionUser, reference: string): Promise<CustomerQuotes> {
  const loaded = await findOwnedOrder(db, u.id, reference);
  if (!loaded || !ownedBy(u)(loaded)) throw orderNotFound();
  return listCustomerQuotes(db, loaded);
}

/** The revised quotes of the order behind a tracking link. */
export async function quotesForToken(
  db: Db,
  reference: string,
  token: string | undefined,
): Promise<CustomerQuotes> {
  const loaded = await findOrderByToken(db, reference, token);
  if (!loaded) throw trackNotFound();
  return listCustomerQuotes(db, loaded);
}

/** The owner approves or declines a pending quote; answers the quotes as they now stand. */
export async function decideAsOwner(
  db: Db,
  u: SessionUser,
  reference: string,
  quoteId: string,
  decision: QuoteDecision,
  body: { note?: string; acceptTotalMinor?: number },
  request: AuditRequest | null = null,
): Promise<CustomerQuotes> {
  const loaded = await decideRevisedQuote(
    db,
    reference,
    quoteId,
    { decision, note: body.note, acceptTotalMinor: body.acceptTotalMinor },
    { actor: { name: 'customer', role: 'customer', userId: u.id }, mayDecide: ownedBy(u), request },
  );
  return listCustomerQuotes(db, loaded);
}

/** The holder of the tracking link approves or declines a pending quote. */
export async function decideWithToken(
  db: Db,
  reference: string,
  quoteId: string,
  decision: QuoteDecision,
  body: { token: string; note?: string; acceptTotalMinor?: number },
  request: AuditRequest | null = null,
): Promise<CustomerQuotes> {
  const booking = await findBookingByToken(db, reference, body.token);
  if (!booking) throw trackNotFound();
  const loaded = await decideRevisedQuote(
    db,
    booking.reference,
    quoteId,
    { decision, note: body.note, acceptTotalMinor: body.acceptTotalMinor },
    {
      actor: { name: 'customer', role: 'customer', userId: null },
      mayDecide: (l) => l.booking.id === booking.id,
      request,
    },
  );
  return listCustomerQuotes(db, loaded);
}
