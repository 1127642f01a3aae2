import type { StaffOrderState } from '../schemas';
import type { RepairStatus } from '../state-machine';
import type { OrderRow } from './lock-order';

/** The order's state as the staff API answers after a change. */
export function toOrderState(order: OrderRow): StaffOrderState {
  return {
    id: order.id,
    reference: order.reference,
    status: order.status as RepairStatus,
    statusEnteredAt: order.statusEnteredAt.toISOString(),
    assignedTechnicianId: order.assignedTechnicianId,
    receivedAt: order.receivedAt?.toISOString() ?? null,
    collectedAt: order.collectedAt?.toISOString() ?? null,
    warrantyEndsAt: order.warrantyEndsAt?.toISOString() ?? null,
    updatedAt: order.updatedAt.toISOString(),
    version: order.version,
  };
}
