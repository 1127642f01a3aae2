/**
 * Intake: a booked device arrives at the counter. Its condition, accessories, passcode policy
 * (the passcode itself encrypted) and IMEI/serial are recorded and the order moves
 * booked -> received in the same transaction. A technician who receives an unassigned order
 * takes it.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrders } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { encryptSecret } from '@/server/secrets';
import { publishNotifications } from '@/features/notifications/server';
import { applyStatusChange, finishStatusChange, type StatusChangeResult } from './change-status';
import { assertCan, loadOrder, type LoadedOrder } from './lock-order';
import { assertExpectedVersion } from './check-version';
import { appendOrderEvent, publishOrderEvents, type EventActor, type OrderEventRow } from './order-events';
import { orderPermissions } from '@/features/repairs/server/staff-view';
import { applyAssignment, type AssignmentResult } from './assign-order';
import type { StaffCaller } from './staff-caller';
import { orderCheckedInHooks } from './order-hooks';

export interface IntakeDetails {
  conditionNotes: string;
  accessories: string[];
  passcodePolicy: 'none' | 'provided' | 'customer_unlocks' | 'wipe_authorised';
  passcode?: string;
  imeiSerial?: string;
  /** the order version the intake is based on; a stale one is refused (VERSION_CONFLICT) */
  expectedVersion?: number;
}

/** Writes the intake fields and the internal `intake` event (never the passcode). */
export async function applyIntake(
  tx: Db,
  loaded: LoadedOrder,
  input: IntakeDetails,
  actor: EventActor,
  now: Date,
): Promise<{ loaded: LoadedOrder; event: OrderEventRow }> {
  // stored as typed (a passcode may start or end with a space); blank means none
  const passcode = input.passcodePolicy === 'provided' && input.passcode?.trim() ? input.passcode : null;
  const accessories = input.accessories.map((a) => a.trim()).filter(Boolean);
  const [order] = await tx
    .update(repairOrders)
    .set({
      conditionNotes: input.conditionNotes.trim(),
      accessories,
      passcodePolicy: input.passcodePolicy,
      passcodeEncrypted: passcode ? encryptSecret(passcode) : null,
      imeiSerial: input.imeiSerial ?? loaded.order.imeiSerial,
      updatedAt: now,
    })
    .where(eq(repairOrders.id, loaded.order.id))
    .returning();
  const event = await appendOrderEvent(tx, {
    orderId: loaded.order.id,
    type: 'intake',
    actor,
    visibility: 'internal',
    message: input.conditionNotes.trim(),
    data: {
      conditionNotes: input.conditionNotes.trim(),
      accessories,
      passcodePolicy: input.passcodePolicy,
      passcodeStored: passcode !== null,
      imeiSerial: input.imeiSerial ?? null,
    },
    at: now,
  });
  return { loaded: { order: order!, booking: loaded.booking }, event };
}

export async function recordIntake(
  db: Db,
  idOrReference: string,
  input: IntakeDetails,
  caller: StaffCaller,
  now = new Date(),
): Promise<LoadedOrder> {
  const { assignment, intakeEvent, status, afterCheckIn } = await db.transaction(async (tx) => {
    let loaded = await loadOrder(tx, idOrReference, true);
    assertCan(caller.ability, 'read', loaded);
    const may = orderPermissions(caller.ability, loaded);
    if (!may.update && !may.take) {
      throw new DomainError('FORBIDDEN', 'Only the assigned technician or a manager may receive this order.');
    }
    assertExpectedVersion(loaded, input.expectedVersion);
    if (loaded.order.status !== 'booked') {
      throw new DomainError(
        'CONFLICT',
        `This order is "${loaded.order.status}": only a booked order can be received.`,
      );
    }
    let assignment: AssignmentResult | null = null;
    if (!may.update) {
      // a technician receiving an unassigned order takes it
      assignment = await applyAssignment(
        tx,
        loaded,
        { id: caller.user.id, name: caller.user.name },
        caller.actor,
        now,
      );
      loaded = assignment.loaded;
    }
    const intake = await applyIntake(tx, loaded, input, caller.actor, now);
    const status: StatusChangeResult = await applyStatusChange(
      tx,
      intake.loaded,
      { to: 'received' },
      caller.actor,
      caller.role,
      now,
      caller.request ?? null,
    );
    // the shop's managers hear of the check-in (notifications, wired by the entry)
    const afterCheckIn = await orderCheckedInHooks.run(tx, {
      orderId: status.loaded.order.id,
      reference: status.loaded.order.reference,
      shopSlug: status.loaded.order.shopSlug,
      assignedTechnicianId: status.loaded.order.assignedTechnicianId,
      byUserId: caller.user.id,
    });
    return { assignment, intakeEvent: intake.event, status, afterCheckIn };
  });
  const order = status.loaded.order;
  publishOrderEvents(order, [...(assignment?.events ?? []), intakeEvent]);
  publishNotifications(assignment?.notifications ?? []);
  await finishStatusChange(db, status, { to: 'received' });
  for (const step of afterCheckIn) step();
  return status.loaded;
}
