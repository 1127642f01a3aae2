/**
 * The customer's rating through the signed link: one per order (the unique index decides, so of
 * two parallel submits exactly one is stored and the other is told it was rated already). The
 * rating is stored with the order's shop and added to the order's timeline (type `rated`,
 * internal: the shop sees it live), in one transaction.
 */
import type { Db } from '@/server/db/runtime';
import { repairRatings } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { appendOrderEvent, publishOrderEvents } from '@/features/repairs/server';
import type { RatingInput, RatingView } from '../schemas';
import { orderOfRatingToken, ratingLinkNotFound, ratingViewOf } from './get-rating';

export async function submitRating(
  db: Db,
  token: string,
  input: RatingInput,
  now = new Date(),
): Promise<RatingView> {
  const loaded = await orderOfRatingToken(db, token, now);
  if (!loaded) throw ratingLinkNotFound();
  const { order, booking } = loaded;
  const comment = input.comment?.trim() || null;
  const event = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(repairRatings)
      .values({ orderId: order.id, shopSlug: order.shopSlug, score: input.score, comment, createdAt: now })
      .onConflictDoNothing({ target: repairRatings.orderId })
      .returning({ id: repairRatings.id });
    if (!row) throw new DomainError('CONFLICT', 'This repair has already been rated. Thank you!');
    return appendOrderEvent(tx, {
      orderId: order.id,
      type: 'rated',
      actor: { name: booking.customerName, userId: booking.userId, role: 'customer' },
      visibility: 'internal',
      message: comment,
      data: { score: input.score },
      at: now,
    });
  });
  publishOrderEvents(order, [event]);
  return ratingViewOf(db, loaded);
}
