/**
 * Who at the shop hears about something a customer did on an order: the assigned technician;
 * when nobody is assigned, the managers of the order's shop and the managers of every shop (no
 * shop set); when there are none, the admins. Disabled accounts never.
 */
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { user } from '@/server/db/schema';
import type { OrderRow } from './lock-order';

export async function staffToNotify(db: Db, order: OrderRow): Promise<string[]> {
  if (order.assignedTechnicianId) {
    const [tech] = await db
      .select({ id: user.id })
      .from(user)
      .where(and(eq(user.id, order.assignedTechnicianId), isNull(user.disabledAt)));
    if (tech) return [tech.id];
  }
  const managers = await db
    .select({ id: user.id })
    .from(user)
    .where(
      and(
        eq(user.role, 'manager'),
        isNull(user.disabledAt),
        order.shopSlug ? or(eq(user.shopSlug, order.shopSlug), isNull(user.shopSlug)) : isNull(user.shopSlug),
      ),
    );
  if (managers.length > 0) return managers.map((m) => m.id);
  const admins = await db
    .select({ id: user.id })
    .from(user)
    .where(and(eq(user.role, 'admin'), isNull(user.disabledAt)));
  return admins.map((a) => a.id);
}
