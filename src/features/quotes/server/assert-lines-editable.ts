import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairQuotes } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { isTerminal, type RepairStatus } from '@/features/repairs';
import type { LoadedOrder } from '@/features/repairs/server';

/** The pending revised quote of an order, if any (at most one: a partial unique index). */
export async function findPendingQuote(db: Db, orderId: string) {
  const [row] = await db
    .select()
    .from(repairQuotes)
    .where(and(eq(repairQuotes.orderId, orderId), eq(repairQuotes.status, 'pending')));
  return row ?? null;
}

/**
 * Lines may change while work can still change: not on a collected or cancelled order (409),
 * and not while a revised quote waits for the customer (409), so what they decide on is what
 * the order holds. Withdraw the quote first to change it.
 */
export async function assertLinesEditable(db: Db, loaded: LoadedOrder): Promise<void> {
  if (isTerminal(loaded.order.status as RepairStatus)) {
    throw new DomainError(
      'CONFLICT',
      `This order is ${loaded.order.status}: its lines can no longer change.`,
    );
  }
  if (await findPendingQuote(db, loaded.order.id)) {
    throw new DomainError(
      'CONFLICT',
      'A revised quote is waiting for the customer. Withdraw it before changing the lines.',
    );
  }
}
