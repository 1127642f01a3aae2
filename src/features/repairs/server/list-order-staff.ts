import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { user } from '@/server/db/schema';
import type { OrderRow } from './lock-order';

/**
 * Who on the staff hears about something the customer did on an order: the assigned technician
 * or, when nobody is assigned (or they were disabled), the managers of the order's shop and
 * those not tied to one shop. Disabled accounts never do.
 */
export async function orderStaffRecipients(db: Db, order: OrderRow): Promise<string[]> {
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
        order.shopSlug ? or(eq(user.shopSlug, order.shopSlug), isNull(user.shopSlug)) : undefined,
      ),
    );
  return managers.map((m) => m.id);
}
