import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderLines, repairOrders } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import type { Caller } from '@/features/repairs/server/commands';
import { assertCan, loadOrder, appendOrderEvent, publishOrderEvents } from '@/features/repairs/server';
import { assertLinesEditable } from './assert-lines-editable';

/**
 * Removes a line of any kind (a booked repair found unnecessary too: the customer then gets a
 * revised quote). Same rules as adding one; an internal `line_removed` event records what it was.
 */
export async function removeOrderLine(
  db: Db,
  orderId: string,
  lineId: string,
  caller: Caller,
  now = new Date(),
): Promise<void> {
  const result = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, orderId, true);
    assertCan(caller.ability, 'update', loaded);
    await assertLinesEditable(tx, loaded);
    const [line] = await tx
      .delete(repairOrderLines)
      .where(and(eq(repairOrderLines.id, lineId), eq(repairOrderLines.orderId, loaded.order.id)))
      .returning();
    if (!line) throw new DomainError('NOT_FOUND', 'This order has no line with that id.');
    await tx.update(repairOrders).set({ updatedAt: now }).where(eq(repairOrders.id, loaded.order.id));
    const event = await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: 'line_removed',
      actor: caller.actor,
      visibility: 'internal',
      message: line.description,
      data: {
        lineId: line.id,
        kind: line.kind,
        description: line.description,
        quantity: line.quantity,
        unitMinor: line.unitMinor,
        totalMinor: line.totalMinor,
      },
      at: now,
    });
    return { order: loaded.order, event };
  });
  publishOrderEvents(result.order, [result.event]);
}
