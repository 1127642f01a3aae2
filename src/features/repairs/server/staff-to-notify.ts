/**
 * The one rule for who on the staff hears (bell + live feed) about what happens on an order:
 *
 * | what happened              | assigned technician (active) | otherwise                     |
 * | -------------------------- | ---------------------------- | ----------------------------- |
 * | new booking (or walk-in)   | not told                     | the shop's managers           |
 * | check-in at the counter    | not told                     | the shop's managers           |
 * | customer message           | the technician only          | the shop's managers           |
 * | customer's quote decision  | the technician only          | the shop's managers           |
 * | order overdue              | told, and the managers too   | the shop's managers           |
 *
 * "The shop's managers" are the active managers of the order's shop plus the managers tied to
 * no shop (a mail-in order has no shop: only those); when there are none, the active admins.
 * Disabled accounts never hear anything, and whoever caused the event is never told of it.
 */
import { and, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { user } from '@/server/db/schema';

export type StaffNotice =
  'new_booking' | 'check_in' | 'customer_message' | 'quote_decision' | 'order_overdue';

export interface StaffMember {
  id: string;
  role: string;
  shopSlug: string | null;
}

export interface NoticeOrder {
  shopSlug: string | null;
  assignedTechnicianId: string | null;
}

const FOR_ASSIGNED: ReadonlySet<StaffNotice> = new Set<StaffNotice>(['customer_message', 'quote_decision']);

/** The rule itself, over the active staff (pure: the table above, tested row by row). */
export function pickStaffToNotify(
  notice: StaffNotice,
  order: NoticeOrder,
  activeStaff: readonly StaffMember[],
  exclude: string | null = null,
): string[] {
  const keep = (ids: string[]) => ids.filter((id) => id !== exclude);
  if (FOR_ASSIGNED.has(notice) && order.assignedTechnicianId) {
    const tech = activeStaff.find((s) => s.id === order.assignedTechnicianId);
    if (tech) return keep([tech.id]);
  }
  const managers = activeStaff.filter(
    (s) => s.role === 'manager' && (s.shopSlug === null || s.shopSlug === order.shopSlug),
  );
  const heads =
    managers.length > 0
      ? managers.map((m) => m.id)
      : activeStaff.filter((s) => s.role === 'admin').map((a) => a.id);
  // an overdue order concerns whoever works on it as much as whoever runs the queue
  const tech =
    notice === 'order_overdue' ? activeStaff.find((s) => s.id === order.assignedTechnicianId) : undefined;
  return keep(tech && !heads.includes(tech.id) ? [tech.id, ...heads] : heads);
}

/** An active staff member to tell, with what an e-mail to them needs. */
export interface StaffContact {
  id: string;
  name: string;
  email: string;
}

/**
 * Who to tell about `notice` on `order` (see the table above), with their names and addresses,
 * read in the same statement: a caller that also e-mails them needs no second read of `user`.
 * `exclude`: whoever caused it.
 */
export async function staffContactsToNotify(
  db: Db,
  order: NoticeOrder,
  notice: StaffNotice,
  exclude: string | null = null,
): Promise<StaffContact[]> {
  return (await staffContactsToNotifyEach(db, [{ order, exclude }], notice))[0]!;
}

/** `staffContactsToNotify` for several orders (e.g. a batch of new bookings) with one read. */
export async function staffContactsToNotifyEach(
  db: Db,
  items: ReadonlyArray<{ order: NoticeOrder; exclude: string | null }>,
  notice: StaffNotice,
): Promise<StaffContact[][]> {
  if (items.length === 0) return [];
  const techs = [
    ...new Set(items.map((i) => i.order.assignedTechnicianId).filter((id): id is string => !!id)),
  ];
  const staff = await db
    .select({ id: user.id, role: user.role, shopSlug: user.shopSlug, name: user.name, email: user.email })
    .from(user)
    .where(
      and(
        isNull(user.disabledAt),
        or(inArray(user.role, ['manager', 'admin']), techs.length > 0 ? inArray(user.id, techs) : undefined),
      ),
    );
  const byId = new Map(staff.map((s) => [s.id, s]));
  return items.map(({ order, exclude }) =>
    pickStaffToNotify(notice, order, staff, exclude).map((id) => {
      const s = byId.get(id)!;
      return { id: s.id, name: s.name, email: s.email };
    }),
  );
}

/** Who to tell about `notice` on `order` (see the table above); `exclude`: whoever caused it. */
export async function staffToNotify(
  db: Db,
  order: NoticeOrder,
  notice: StaffNotice,
  exclude: string | null = null,
): Promise<string[]> {
  return (await staffContactsToNotify(db, order, notice, exclude)).map((s) => s.id);
}
