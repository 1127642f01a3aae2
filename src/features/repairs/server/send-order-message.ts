/** A message from the shop to the customer: on their timeline, and in their notifications. */
import type { Db } from '@/server/db/runtime';
import { addCustomerFacingEvent, type AddedEvent } from './add-order-note';
import type { StaffCaller } from './staff-caller';

export function sendOrderMessage(
  db: Db,
  idOrReference: string,
  body: string,
  caller: StaffCaller,
  now = new Date(),
  idempotencyKey?: string,
): Promise<AddedEvent> {
  return addCustomerFacingEvent(
    db,
    idOrReference,
    { type: 'message', body, visibility: 'customer' },
    caller,
    now,
    idempotencyKey,
  );
}
