/**
 * What other domains do when a booked device is checked in at the counter (inside the intake's
 * own transaction, see src/server/tx-hooks.ts), and once an order was cancelled by staff (after the
 * commit: the payments domain gives back what was paid). Repairs knows neither: the entry registers
 * the hooks (src/server/entry/hooks.ts). A customer's cancellation through the manage link is the
 * booking domain's, which refunds itself.
 */
import { txHooks } from '@/server/tx-hooks';
import type { Db } from '@/server/db/runtime';
import { logger } from '@/server/logger';
import type { AuditRequest } from '@/features/audit/server';
import type { LoadedOrder } from './lock-order';
import type { EventActor } from './order-events';

export interface CancelledOrder {
  db: Db;
  loaded: LoadedOrder;
  actor: EventActor;
  reason: string | null;
  request: AuditRequest | null;
}

export type OrderCancelledHook = (event: CancelledOrder) => Promise<unknown>;

declare global {
  // one set per process: Next's bundle and the server's own modules share it
  var __rtOrderCancelledHooks: Set<OrderCancelledHook> | undefined;
}

/** Registers a hook (once: registering the same function again changes nothing). */
export function onOrderCancelled(hook: OrderCancelledHook): void {
  (globalThis.__rtOrderCancelledHooks ??= new Set()).add(hook);
}

/** Runs every hook in turn; a failing one is logged and does not stop the others. */
export async function runOrderCancelledHooks(event: CancelledOrder): Promise<void> {
  for (const hook of globalThis.__rtOrderCancelledHooks ?? []) {
    await hook(event).catch((err: unknown) =>
      logger.error({ err, orderId: event.loaded.order.id }, 'an order-cancelled hook failed'),
    );
  }
}

export interface OrderCheckedIn {
  orderId: string;
  reference: string;
  shopSlug: string | null;
  assignedTechnicianId: string | null;
  /** the staff member who checked it in */
  byUserId: string | null;
}

export const orderCheckedInHooks = txHooks<OrderCheckedIn>('order-checked-in');
export const onOrderCheckedIn = orderCheckedInHooks.on;

export interface OrderCollected {
  orderId: string;
  reference: string;
  shopSlug: string | null;
  bookingId: string;
  /** the customer's address from the booking (null: a walk-in who gave only a phone number) */
  customerEmail: string | null;
  customerName: string;
  modelSlug: string;
  collectedAt: Date;
  /** a staff move that may still be taken back until then (hold customer e-mail until it stands) */
  undoableUntil: Date | null;
}

/** An order handed back to its customer (status `collected`), inside the status change's transaction. */
export const orderCollectedHooks = txHooks<OrderCollected>('order-collected');
export const onOrderCollected = orderCollectedHooks.on;

/** A staff undo took an order back out of `collected`, inside the undo's transaction. */
export interface OrderUncollected {
  orderId: string;
  at: Date;
}

/** What collection set off and has not happened yet is withdrawn (e.g. the rating request). */
export const orderUncollectedHooks = txHooks<OrderUncollected>('order-uncollected');
export const onOrderUncollected = orderUncollectedHooks.on;
