/**
 * The one way anything is added to an order's timeline: `appendOrderEvent` inside the
 * transaction that made the change, then `publishOrderEvents` after it commits.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { repairOrderEvents } from '@/server/db/schema';
import { getEventBus } from '@/server/events';
import { logger } from '@/server/logger';

export type OrderEventRow = typeof repairOrderEvents.$inferSelect;

export interface EventActor {
  /** shown on the timeline */
  name: string;
  userId: string | null;
  role: 'customer' | 'staff' | 'system';
}

export const SYSTEM_ACTOR: EventActor = { name: 'system', userId: null, role: 'system' };

export interface OrderEventInput {
  orderId: string;
  type: string;
  actor: EventActor;
  visibility: 'customer' | 'internal';
  fromStatus?: string | null;
  toStatus?: string | null;
  message?: string | null;
  data?: Record<string, unknown> | null;
  at?: Date;
}

function eventValues(input: OrderEventInput) {
  return {
    orderId: input.orderId,
    type: input.type,
    fromStatus: input.fromStatus ?? null,
    toStatus: input.toStatus ?? null,
    actor: input.actor.name,
    actorUserId: input.actor.userId,
    actorRole: input.actor.role,
    visibility: input.visibility,
    message: input.message ?? null,
    data: input.data ?? null,
    ...(input.at ? { createdAt: input.at } : {}),
  };
}

export async function appendOrderEvent(tx: Db, input: OrderEventInput): Promise<OrderEventRow> {
  const [row] = await tx.insert(repairOrderEvents).values(eventValues(input)).returning();
  return row!;
}

/**
 * `appendOrderEvent` with an idempotency key (a note sent again by an offline outbox): the
 * unique index on (order, key) decides, so a replay, even one racing the first send, finds the
 * stored row instead of adding a second. A replay whose content differs is refused.
 */
export async function appendOrderEventOnce(
  tx: Db,
  input: OrderEventInput,
  idempotencyKey: string,
): Promise<{ row: OrderEventRow; replayed: boolean }> {
  const [row] = await tx
    .insert(repairOrderEvents)
    .values({ ...eventValues(input), idempotencyKey })
    .onConflictDoNothing({ target: [repairOrderEvents.orderId, repairOrderEvents.idempotencyKey] })
    .returning();
  if (row) return { row, replayed: false };
  const [stored] = await tx
    .select()
    .from(repairOrderEvents)
    .where(
      and(eq(repairOrderEvents.orderId, input.orderId), eq(repairOrderEvents.idempotencyKey, idempotencyKey)),
    );
  if (
    !stored ||
    stored.type !== input.type ||
    stored.visibility !== input.visibility ||
    stored.message !== (input.message ?? null) ||
    stored.actorUserId !== input.actor.userId
  ) {
    throw new DomainError(
      'IDEMPOTENCY_MISMATCH',
      'This Idempotency-Key was already used for a different note or message: send a new key.',
    );
  }
  return { row: stored, replayed: true };
}

/**
 * Tells live clients (this instance's and, with Redis, every instance's) about committed events.
 * Never throws: the change is stored; a client that missed the message catches up on reconnect.
 */
export function publishOrderEvents(
  order: { id: string; shopSlug: string | null; status: string },
  events: Array<Pick<OrderEventRow, 'id' | 'type' | 'visibility'>>,
): void {
  const bus = getEventBus();
  for (const e of events) {
    const message = { orderId: order.id, eventId: e.id, type: e.type, visibility: e.visibility };
    void bus
      .publish(`order:${order.id}`, message)
      .then(() => bus.publish('orders', { ...message, shopSlug: order.shopSlug, status: order.status }))
      .catch((err: unknown) => logger.error({ err, orderId: order.id }, 'could not publish an order event'));
  }
}
