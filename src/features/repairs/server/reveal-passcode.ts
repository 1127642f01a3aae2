/**
 * Shows the device passcode to the assigned technician or a manager, and records who saw it
 * (an internal `passcode_viewed` event) in the same transaction.
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { decryptSecret } from '@/server/secrets';
import { logger } from '@/server/logger';
import { assertCan, loadOrder } from './lock-order';
import { appendOrderEvent, publishOrderEvents } from './order-events';
import type { StaffCaller } from './staff-caller';
import { recordAudit } from '@/features/audit/server';

export async function revealPasscode(
  db: Db,
  idOrReference: string,
  caller: StaffCaller,
  now = new Date(),
): Promise<string> {
  const { passcode, order, event } = await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, idOrReference, true);
    assertCan(caller.ability, 'update', loaded);
    const sealed = loaded.order.passcodeEncrypted;
    if (!sealed) throw new DomainError('NOT_FOUND', 'No passcode is stored for this order.');
    let passcode: string;
    try {
      passcode = decryptSecret(sealed);
    } catch (err) {
      logger.error({ err, orderId: loaded.order.id }, 'could not decrypt a stored passcode');
      throw new DomainError(
        'CONFLICT',
        'The stored passcode cannot be read with the current encryption key. Ask the customer again.',
      );
    }
    const event = await appendOrderEvent(tx, {
      orderId: loaded.order.id,
      type: 'passcode_viewed',
      actor: caller.actor,
      visibility: 'internal',
      message: `Passcode viewed by ${caller.actor.name}`,
      at: now,
    });
    await recordAudit(tx, {
      type: 'passcode_revealed',
      actor: { id: caller.user.id, email: caller.user.email, role: caller.user.role },
      request: caller.request ?? null,
      target: { type: 'repair_order', id: loaded.order.reference },
    });
    return { passcode, order: loaded.order, event };
  });
  publishOrderEvents(order, [event]);
  return passcode;
}
