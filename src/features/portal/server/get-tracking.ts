import type { Db } from '@/server/db/runtime';
import type { Tracking } from '../schemas';
import { customerOrderView } from './customer-order-view';
import { findOrderByToken } from '@/features/repairs/server';

/** The public tracking view: only customer-visible events; null for unknown ref or wrong token. */
export async function getTracking(
  db: Db,
  reference: string,
  token: string | null | undefined,
): Promise<Tracking | null> {
  const loaded = await findOrderByToken(db, reference, token);
  return loaded ? customerOrderView(db, loaded) : null;
}
