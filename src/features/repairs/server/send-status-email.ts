import type { Db } from '@/server/db/runtime';
import { publicBaseUrl } from '@/server/http/base-url';
import { sendTemplate } from '@/features/email/server';
import { signedTrackingPath } from '@/features/repairs/server/tracking';
import type { RepairStatus } from '../state-machine';
import type { LoadedOrder } from './lock-order';

/** Status names as the customer reads them in e-mails. */
export const STATUS_WORDS: Record<RepairStatus, string> = {
  booked: 'Booked',
  received: 'Received at the shop',
  diagnosing: 'Being diagnosed',
  awaiting_approval: 'Waiting for your approval',
  repairing: 'Being repaired',
  quality_check: 'In quality check',
  ready_for_collection: 'Ready for collection',
  collected: 'Collected',
  cancelled: 'Cancelled',
};

/** The dedupe key of the status e-mail of one status entry (an undo withdraws it by this key). */
export function statusEmailKey(orderId: string, status: string, enteredAt: Date): string {
  return `status:${orderId}:${status}:${enteredAt.toISOString()}`;
}

/**
 * The status e-mail, once per order and status (a later move back and forth does not repeat it
 * within the same status entry: the dedupe key includes when the status was entered). Called
 * with the status change's transaction: the message and its delivery job commit with the
 * change, or neither does.
 */
export async function sendStatusEmail(
  tx: Db,
  loaded: LoadedOrder,
  status: RepairStatus,
  message?: string,
  /** hold the delivery back until then (a move that may still be undone) */
  deliverAfter?: Date,
) {
  const { order, booking } = loaded;
  // a walk-in who gave only a phone number hears from the counter, not by e-mail
  if (!booking.customerEmail) return;
  await sendTemplate(tx, {
    to: booking.customerEmail,
    template: 'status-update',
    data: {
      name: booking.customerName,
      reference: order.reference,
      status: STATUS_WORDS[status],
      message: message?.trim() || undefined,
      trackingUrl: `${publicBaseUrl()}${signedTrackingPath(order.reference)}`,
    },
    dedupeKey: statusEmailKey(order.id, status, order.statusEnteredAt),
    bookingId: booking.id,
    ...(deliverAfter ? { deliverAfter } : {}),
  });
}
