/**
 * Whose history a staff member may see: staff of a shop see their shop's (naming another is
 * refused); admins, and staff not tied to one shop (who may read every shop's orders), see every
 * shop's or the one they name.
 */
import { DomainError } from '@/server/domain-error';
import type { Role } from '@/server/db/schema';
import { getShopRow } from '@/features/shops/server';
import type { Db } from '@/server/db/runtime';

export interface InsightsViewer {
  role: Role;
  shopSlug: string | null;
}

/** The shop slug to read (null: every shop), or a 403 / 404 DomainError. */
export async function resolveInsightsShop(
  db: Db,
  viewer: InsightsViewer,
  requested: string | undefined,
): Promise<string | null> {
  const tied = viewer.role !== 'admin' && viewer.shopSlug !== null;
  if (tied) {
    if (requested !== undefined && requested !== viewer.shopSlug) {
      throw new DomainError('FORBIDDEN', "You can see your own shop's insights only.");
    }
    return viewer.shopSlug;
  }
  if (requested === undefined) return null;
  if (!(await getShopRow(db, requested))) throw new DomainError('NOT_FOUND', 'There is no such shop.');
  return requested;
}

/**
 * The order page's scope: the order's shop; staff of another shop (technicians may open any
 * order) see their own shop's history of the model instead, never the other shop's.
 */
export function insightsShopForOrder(viewer: InsightsViewer, orderShopSlug: string | null): string | null {
  if (viewer.role !== 'admin' && viewer.shopSlug !== null) return viewer.shopSlug;
  return orderShopSlug;
}
