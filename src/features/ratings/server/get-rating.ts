/**
 * Reading ratings: the customer's view behind a signed link (the order must be collected; a bad,
 * expired or tampered token and an order not collected all give the same "not found"), and the
 * rating as the shop's staff see it on the order page (their usual order access rules).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairRatings } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import type { AppAbility } from '@/features/access';
import { can, findOrder, isUuid, type LoadedOrder } from '@/features/repairs/server';
import type { GivenRating, RatingView } from '../schemas';
import { deviceAndShop } from './order-facts';
import { readRatingToken } from './rating-token';
import { getBranding } from '@/server/branding';

export const ratingLinkNotFound = () =>
  new DomainError('NOT_FOUND', 'This rating link is not valid or has expired.');

/** The collected order behind a rating token, or null (bad, expired, tampered, not collected). */
export async function orderOfRatingToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<LoadedOrder | null> {
  const orderId = readRatingToken(token, now);
  if (!orderId || !isUuid(orderId)) return null;
  const loaded = await findOrder(db, orderId);
  if (!loaded || loaded.order.status !== 'collected' || !loaded.order.collectedAt) return null;
  return loaded;
}

/** The rating given for an order, or null. */
export async function findOrderRating(db: Db, orderId: string): Promise<GivenRating | null> {
  const [row] = await db.select().from(repairRatings).where(eq(repairRatings.orderId, orderId));
  return row ? { score: row.score, comment: row.comment, createdAt: row.createdAt.toISOString() } : null;
}

export async function ratingViewOf(db: Db, loaded: LoadedOrder): Promise<RatingView> {
  const { order, booking } = loaded;
  const [{ device, shop }, rating] = await Promise.all([
    deviceAndShop(db, booking.modelSlug, order.shopSlug),
    findOrderRating(db, order.id),
  ]);
  return {
    reference: order.reference,
    shopName: shop?.name ?? getBranding().shopName,
    device,
    collectedAt: order.collectedAt!.toISOString(),
    rating,
  };
}

/** The customer's view behind the link; null for a link that does not work. */
export async function getRatingView(db: Db, token: string, now = new Date()): Promise<RatingView | null> {
  const loaded = await orderOfRatingToken(db, token, now);
  return loaded ? ratingViewOf(db, loaded) : null;
}

/**
 * The rating of an order for a staff member: one who may read the order (the repairs rules) and
 * works at its shop (staff tied to no shop: every shop's). Ratings are the shop's satisfaction
 * figures: staff of one shop never see another's. Null: no such order for them.
 */
export async function getStaffOrderRating(
  db: Db,
  idOrReference: string,
  caller: { ability: AppAbility; shopSlug: string | null },
): Promise<{ rating: GivenRating | null } | null> {
  const loaded = await findOrder(db, idOrReference);
  if (!loaded || !mayReadRating(caller, loaded)) return null;
  return { rating: await findOrderRating(db, loaded.order.id) };
}

export function mayReadRating(caller: { ability: AppAbility; shopSlug: string | null }, loaded: LoadedOrder) {
  if (!can(caller.ability, 'read', loaded)) return false;
  return caller.shopSlug === null || caller.shopSlug === loaded.order.shopSlug;
}
