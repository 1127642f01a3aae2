/**
 * What other domains do when a booked device is checked in at the counter, inside the intake's
 * own transaction (see src/server/tx-hooks.ts); the entry registers them (src/server/entry/hooks.ts).
 */
import { txHooks } from '@/server/tx-hooks';

export interface OrderCheckedIn {
  orderId: string;
  reference: string;
  shopSlug: string | null;
  assignedTechnicianId: string | null;
  /** the staff member who checked it in */
  byUserId: string | null;
}

export const orderCheckedInHooks = txHooks<OrderCheckedIn>('order-checked-in');
export const onOrderCheckedIn = orderCheckedInHooks.on;
