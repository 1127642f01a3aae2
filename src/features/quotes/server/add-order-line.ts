import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderLines, repairOrders } from '@/server/db/schema';
import { lineTotalMinor } from '../quote-totals';
import type { AddLineBody } from '../schemas';
import type { Caller } from '@/features/repairs/server/commands';
import { assertCan, loadOrder, appendOrderEvent, publishOrderEvents } from '@/features/repairs/server';
import { assertLinesEditable } from './assert-lines-editable';

export type OrderLineRow = typeof repairOrderLines.$inferSelect;

/**
 * Adds a part or labour line: only the assigned technician or a manager (403), not on a
 * finished order or while a revised quote is pending (409). An internal `line_added` event
 * goes on the timeline.
 */
export async function addOrderLine(
  db: Db,
  orderId: string,
  input: AddLineBody,
  caller: Caller,
  now = new Date(),
): Promise<OrderLineRow> {
  const result = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, orderId, true);
    assertCan(caller.ability, 'update', loaded);
    await assertLinesEditable(tx, loaded);
    const totalMinor = lineTotalMinor(input.quantity, input.unitMinor);
    const [line] = await tx
      .insert(repairOrderLines)
      .values({
        orderId: loaded.order.id,
        kind: input.kind,
        description: input.description,
        quantity: input.quantity,
        unitMinor: input.unitMinor,
        partsMinor: input.kind === 'part' ? totalMinor : 0,
        labourMinor: input.kind === 'labour' ? totalMinor : 0,
        totalMinor,
        createdBy: caller.actor.userId,
        createdAt: now,
      })
      .returning();
    await tx.update(repairOrders).set({ updatedAt: now }).where(eq(repairOrders.id, loaded.order.id));
    const event = await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: 'line_added',
      actor: caller.actor,
      visibility: 'internal',
      message: input.description,
      data: {
        lineId: line!.id,
        kind: input.kind,
        description: input.description,
        quantity: input.quantity,
        unitMinor: input.unitMinor,
        totalMinor,
      },
      at: now,
    });
    return { order: loaded.order, line: line!, event };
  });
  publishOrderEvents(result.order, [result.event]);
  return result.line;
}
