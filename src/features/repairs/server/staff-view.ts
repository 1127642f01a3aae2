/**
 * Pieces of the staff view of an order that the workflow's own answers reuse: a timeline event
 * as staff see it, and what the caller may do to the order.
 */
import { subject, type AppAbility } from '@/features/access';
import type { StaffTimelineEvent } from '../schemas';
import { isTerminal, type RepairStatus } from '../state-machine';
import { accessRecord, can, type LoadedOrder } from './lock-order';
import type { OrderEventRow } from './order-events';

/**
 * Timeline events only the order's own shop sees (staff tied to no shop: every shop's), like the
 * rating panel: `rated` carries the customer's score and comment, the shop's satisfaction figures.
 */
export const SHOP_ONLY_EVENT_TYPES: readonly string[] = ['rated'];

/** Whether a staff member of `callerShop` (null: tied to no shop) sees the order's shop-only events. */
export function seesShopOnlyEvents(callerShop: string | null | undefined, orderShop: string | null): boolean {
  return !callerShop || callerShop === orderShop;
}

export function toStaffTimelineEvent(e: OrderEventRow): StaffTimelineEvent {
  return {
    id: e.id,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: e.actor,
    actorUserId: e.actorUserId,
    actorRole: e.actorRole,
    visibility: e.visibility,
    message: e.message,
    data: e.data ?? null,
    at: e.createdAt.toISOString(),
  };
}

/** What the caller may do to this order (the API enforces the same rules). */
export function orderPermissions(ability: AppAbility, loaded: LoadedOrder) {
  const record = subject('RepairOrder', accessRecord(loaded));
  const assignAnyone = ability.can('manage', record);
  const open = !isTerminal(loaded.order.status as RepairStatus);
  return {
    update: can(ability, 'update', loaded),
    assignAnyone: assignAnyone && open,
    take:
      open && !assignAnyone && loaded.order.assignedTechnicianId === null && ability.can('assign', record),
  };
}
