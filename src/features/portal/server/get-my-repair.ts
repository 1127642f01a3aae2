import type { Db } from '@/server/db/runtime';
import type { CustomerOrder } from '../schemas';
import { customerOrderView } from './customer-order-view';
import { findOwnedOrder } from '@/features/repairs/server';

/** One of the signed-in customer's repairs, or null (unknown and someone else's look the same). */
export async function getMyRepair(db: Db, userId: string, reference: string): Promise<CustomerOrder | null> {
  const loaded = await findOwnedOrder(db, userId, reference);
  return loaded ? customerOrderView(db, loaded) : null;
}
