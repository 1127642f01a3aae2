/**
 * After collection (an `onOrderCollected` hook, inside the status change's transaction, wired by
 * src/server/entry/hooks.ts): the customer is e-mailed the signed rating link, once per order
 * (the dedupe key), held back while staff may still undo the move. No e-mail address (a walk-in
 * who gave only a phone number): nothing is sent.
 */
import type { Db } from '@/server/db/runtime';
import { publicBaseUrl } from '@/server/http/base-url';
import { getBranding } from '@/server/branding';
import { cancelQueuedMessage, sendTemplate } from '@/features/email/server';
import type { OrderCollected } from '@/features/repairs/server';
import { deviceAndShop } from './order-facts';
import { ratingLinkExpiry, ratingPath } from './rating-token';

export function ratingRequestKey(orderId: string): string {
  return `rating-request:${orderId}`;
}

export async function requestRating(tx: Db, e: OrderCollected): Promise<void> {
  if (!e.customerEmail) return;
  const { device, shop } = await deviceAndShop(tx, e.modelSlug, e.shopSlug);
  const expiresAt = ratingLinkExpiry(e.collectedAt);
  const expires = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeZone: shop?.timeZone ?? 'Europe/London',
  }).format(expiresAt);
  await sendTemplate(tx, {
    to: e.customerEmail,
    template: 'rating-request',
    data: {
      name: e.customerName,
      reference: e.reference,
      deviceName: device,
      shopName: shop?.name ?? getBranding().shopName,
      url: `${publicBaseUrl()}${ratingPath(e.orderId, expiresAt)}`,
      expires,
    },
    dedupeKey: ratingRequestKey(e.orderId),
    bookingId: e.bookingId,
    ...(e.undoableUntil ? { deliverAfter: e.undoableUntil } : {}),
  });
}

/**
 * The collection was undone (an `onOrderUncollected` hook): the rating request that was held back
 * for the undo window is withdrawn before it is sent.
 */
export async function withdrawRatingRequest(tx: Db, e: { orderId: string; at: Date }): Promise<void> {
  await cancelQueuedMessage(tx, ratingRequestKey(e.orderId), e.at);
}
